import { describe, expect, it } from 'vitest';
import type { Session } from 'sip.js';
import type { Call, CallId, TransferTarget } from '../../src/shared/model/call.ts';
import { ConferenceController, type ConferenceLeg } from '../../src/engine/calls/conference-controller.ts';
import type { ConferenceMixer } from '../../src/engine/media/conference-mixer.ts';
import { createLogger } from '../../src/shared/log.ts';

/** The conference's rules over a recording host and mixer (the audio itself is tested end to end). */
function setUp() {
  const events: string[] = [];
  const legs = new Map<CallId, ConferenceLeg>();
  const leg = (id: string, status: Call['status'] = 'Active'): ConferenceLeg => {
    const model = { id: id as CallId, status, isMuted: false } as Call;
    const session = {
      sessionDescriptionHandler: {
        peerConnection: {},
        enableSenderTracks: (on: boolean) => events.push(`${id} sender ${on}`),
      },
    } as unknown as Session;
    const created = { model, session };
    legs.set(model.id, created);
    return created;
  };
  const mixer: ConferenceMixer = {
    start: () => Promise.resolve(void events.push('mix')),
    setMicrophoneOn: (on) => void events.push(`microphone ${on}`),
    stop: () => Promise.resolve(void events.push('unmix')),
  };
  const controller = new ConferenceController<ConferenceLeg>(
    {
      establishedCall: (id) => {
        const found = legs.get(id);
        if (found === undefined) throw new Error('no such call');
        return found;
      },
      callOf: (id) => legs.get(id),
      setHeld: (call, isHeld) => Promise.resolve(void events.push(`${call.model.id} held ${isHeld}`)),
      setMuted: (call, isMuted) => void events.push(`${call.model.id} muted ${isMuted}`),
      terminate: (call) => Promise.resolve(void events.push(`${call.model.id} hang up`)),
      transfer: (id: CallId, target: TransferTarget) =>
        Promise.resolve(
          void events.push(`${id} transferred to ${target.kind === 'call' ? target.callId : JSON.stringify(target)}`),
        ),
      updateCall: (id, patch) => void events.push(`${id} ${JSON.stringify(patch)}`),
      changed: () => void events.push('changed'),
    },
    mixer,
    createLogger('conference-test'),
  );
  return { controller, events, leg };
}

describe('the conference', () => {
  it('starts from two calls: both resumed, mixed, the mix on both senders', async () => {
    const { controller, events, leg } = setUp();
    leg('a');
    leg('b', 'Held');
    await controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] });
    expect(events).toEqual([
      'a held false',
      'b held false',
      'mix',
      'a sender true',
      'b sender true',
      'microphone true',
      'changed',
    ]);
    expect(controller.state).toEqual({ callIds: ['a', 'b'], isHeld: false, isMuted: false });
  });

  it('refuses a second conference and any action without one', async () => {
    const { controller, leg } = setUp();
    leg('a');
    leg('b');
    await expect(controller.act({ action: 'hold' })).rejects.toThrow(/no_conference/);
    await controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] });
    await expect(controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] })).rejects.toThrow(
      /conference_exists/,
    );
  });

  it('mutes the microphone only, and gives each call its own mute back when it ends', async () => {
    const { controller, events, leg } = setUp();
    leg('a');
    leg('b');
    await controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] });
    events.length = 0;
    await controller.act({ action: 'mute' });
    expect(events).toEqual(['microphone false', 'a {"isMuted":true}', 'b {"isMuted":true}']);
    events.length = 0;
    await controller.dissolve();
    expect(events).toEqual(['unmix', 'a muted false', 'b muted false', 'changed']);
    expect(controller.state).toBeNull();
  });

  it('leaves by joining the two parties, ends by hanging both up', async () => {
    const first = setUp();
    first.leg('a');
    first.leg('b');
    await first.controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] });
    first.events.length = 0;
    await first.controller.act({ action: 'leave' });
    expect(first.events).toContain('a transferred to b');

    const second = setUp();
    second.leg('a');
    second.leg('b');
    await second.controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] });
    second.events.length = 0;
    await second.controller.act({ action: 'end' });
    expect(second.events.filter((event) => event.endsWith('hang up'))).toEqual(['a hang up', 'b hang up']);
  });

  it('is on hold as a whole when a new call holds its calls', async () => {
    const { controller, leg } = setUp();
    leg('a');
    leg('b');
    await controller.act({ action: 'start', callIds: ['a' as CallId, 'b' as CallId] });
    controller.heldByAnotherCall(['b' as CallId]);
    expect(controller.state?.isHeld).toBe(true);
  });
});
