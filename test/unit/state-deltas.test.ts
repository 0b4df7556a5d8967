import { describe, expect, it } from 'vitest';
import { EngineStateSink } from '../../src/background/engine-state-sink.ts';
import { StateHub } from '../../src/background/state-hub.ts';
import type { Runtime } from '../../src/platform/browser.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { Call } from '../../src/shared/model/call.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import {
  applyEngineDelta,
  emptyEngineState,
  engineDelta,
  withEntries,
} from '../../src/shared/protocol/engine-delta.ts';
import {
  applyStateMessage,
  parseStatePortMessage,
  slicesOfPortName,
  statePortName,
  type StatePortMessage,
} from '../../src/shared/protocol/state-port.ts';
import { ringingCall } from '../support/call-fixture.ts';

function call(index: number, patch: Partial<Call> = {}): Call {
  return ringingCall(`call-${index}`, { remoteNumber: String(200 + index), createdAt: index, ...patch });
}

/** One registration object, as the engine keeps it until the registration changes (deltas compare references). */
const REGISTERED: EngineState['registration'] = { status: 'Registered', since: 1 };

function engineWith(calls: Call[], revision: number, instanceId = 'engine-1'): EngineState {
  return { ...emptyEngineState(instanceId), revision, registration: REGISTERED, calls };
}

/** A UI's end of the state port, recording what crossed it. */
function fakePort(): { port: Runtime.Port; messages: StatePortMessage[] } {
  const messages: StatePortMessage[] = [];
  const port = {
    postMessage: (message: StatePortMessage) => messages.push(structuredClone(message)),
    onDisconnect: { addListener: () => undefined },
  } as unknown as Runtime.Port;
  return { port, messages };
}

describe('state changes travel as deltas, per entry', () => {
  const live = Array.from({ length: 1000 }, (_unused, index) => call(index));

  it('finds the one call that changed among a thousand, by reference, and the ones gone', () => {
    const before = engineWith(live, 1);
    const changed = call(500, { status: 'Active', answeredAt: 9 });
    const after = engineWith(
      live.filter((entry) => entry.id !== 'call-7').map((entry) => (entry.id === changed.id ? changed : entry)),
      2,
    );
    const delta = engineDelta(before, after);
    expect(delta).toEqual({
      instanceId: 'engine-1',
      revision: 2,
      baseRevision: 1,
      calls: { set: [changed], removed: ['call-7'] },
    });
    expect(applyEngineDelta(before, delta)).toEqual(after);
  });

  it('keeps the order of the entries: replaced in place, new ones last', () => {
    const [a, b, c] = [call(1), call(2), call(3)];
    expect(
      withEntries([a, b, c], [call(2, { status: 'Active' }), call(4)], [a.id]).map((entry) => [entry.id, entry.status]),
    ).toEqual([
      ['call-2', 'Active'],
      ['call-3', 'Alerting'],
      ['call-4', 'Alerting'],
    ]);
  });

  it('sends a UI only the call that changed, and the UI’s mirror ends up equal to the hub', () => {
    const hub = new StateHub(createLogger('test'));
    const sink = new EngineStateSink(hub);
    const first = engineWith(live, 1);
    sink.apply(first);
    const { port, messages } = fakePort();
    hub.attach(port);
    const changed = call(42, { status: 'Active' });
    sink.applyDelta(
      engineDelta(
        first,
        engineWith(
          live.map((entry) => (entry.id === changed.id ? changed : entry)),
          2,
        ),
      ),
    );

    expect(messages.map((message) => message.kind)).toEqual(['snapshot', 'entries']);
    expect(messages[1]).toEqual({ kind: 'entries', key: 'calls', set: [changed], removed: [] });
    let mirror = null;
    for (const message of messages) mirror = applyStateMessage(mirror, parseStatePortMessage(message) ?? message);
    expect(mirror).toEqual(hub.state);
  });

  it('asks for the whole state when a delta does not follow the revision it has, and takes it', async () => {
    const hub = new StateHub(createLogger('test'));
    const sink = new EngineStateSink(hub);
    const engine = [engineWith([call(1)], 1), engineWith([call(1), call(2)], 2), engineWith([call(2)], 3)];
    let resyncs = 0;
    sink.onResync = () => {
      resyncs++;
      sink.apply(engine[2] as EngineState);
      return Promise.resolve();
    };
    sink.apply(engine[0] as EngineState);
    // Revision 2's delta was lost (this worker was starting): revision 3's cannot be applied on revision 1.
    sink.applyDelta(engineDelta(engine[1] as EngineState, engine[2] as EngineState));
    await Promise.resolve();
    expect(resyncs).toBe(1);
    expect(hub.state.calls.map((entry) => entry.id)).toEqual(['call-2']);
    // A delta older than what is held changes nothing, and asks for nothing.
    sink.applyDelta(engineDelta(engine[0] as EngineState, engine[1] as EngineState));
    expect(resyncs).toBe(1);
    expect(hub.state.calls.map((entry) => entry.id)).toEqual(['call-2']);
  });

  it('takes a new engine’s first delta (from nothing) at once, dropping the calls of the engine before', () => {
    const hub = new StateHub(createLogger('test'));
    const sink = new EngineStateSink(hub);
    sink.apply(engineWith([call(1)], 5, 'old-engine'));
    const fresh = engineWith([call(9)], 0, 'new-engine');
    sink.applyDelta(engineDelta(emptyEngineState('new-engine'), fresh));
    expect(hub.state.calls.map((entry) => entry.id)).toEqual(['call-9']);
  });
});

describe('a page gets the changes of the slices it renders', () => {
  it('sends the help page (general only) its snapshot, then language and theme changes, never the calls', () => {
    const hub = new StateHub(createLogger('test'));
    const help = fakePort();
    const console = fakePort();
    const slices = slicesOfPortName(statePortName(['general']));
    expect(slices).toEqual(new Set(['general']));
    hub.attach(help.port, slices ?? 'all');
    hub.attach(console.port, slicesOfPortName(statePortName('all')) ?? 'all');
    hub.setEntries('calls', [call(1)], []);
    hub.setSlice('general', { ...hub.state.general, theme: 'dark' });
    expect(help.messages.map((message) => message.kind + ('key' in message ? `:${message.key}` : ''))).toEqual([
      'snapshot',
      'patch:general',
    ]);
    expect(console.messages).toHaveLength(3);
    // A help page open is no console: an incoming call still raises a notification.
    expect(hub.viewCount).toBe(1);
  });

  it('refuses a port that is not a state port, and ignores slice names it does not know', () => {
    expect(slicesOfPortName('other')).toBeNull();
    expect(slicesOfPortName('ui-state:general,nonsense')).toEqual(new Set(['general']));
  });
});
