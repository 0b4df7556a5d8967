import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceptionQueue, type ReceptionQueuePolicy } from '../../src/engine/calls/reception-queue.ts';
import type { Call, CallId } from '../../src/shared/model/call.ts';
import { createLogger } from '../../src/shared/log.ts';
import { ringingCall } from '../support/call-fixture.ts';

function ringing(id: string, createdAt: number, status: Call['status'] = 'Alerting'): Call {
  return ringingCall(id, { remoteName: `Caller ${id}`, createdAt, status });
}

const POLICY: ReceptionQueuePolicy = {
  isOn: true,
  overflowAfterSeconds: 60,
  overflowAtCallers: 3,
  overflowTo: '8000',
  isAnsweredWithMusic: false,
};

describe('the reception queue', () => {
  let deflected: [string, string][];
  let answered: string[];
  let queue: ReceptionQueue;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    deflected = [];
    answered = [];
    queue = new ReceptionQueue(
      {
        deflect: (callId, target) => {
          deflected.push([callId, target]);
          return Promise.resolve();
        },
        changed: () => undefined,
        answerWithMusic: (callId) => {
          answered.push(callId);
          return Promise.resolve();
        },
      },
      createLogger('test'),
    );
    queue.configure(POLICY);
  });
  afterEach(() => vi.useRealTimers());

  const ids = (calls: Call[]) => queue.model(calls)?.calls.map((call) => call.id);

  it('lists ringing callers by arrival, lets the receptionist reorder them, and forgets those answered or gone', () => {
    const calls = [ringing('a', 1_000_000), ringing('b', 1_000_100), ringing('c', 1_000_200)];
    queue.sync(calls);
    expect(ids(calls)).toEqual(['a', 'b', 'c']);
    queue.move('c' as CallId, 0);
    expect(ids(calls)).toEqual(['c', 'a', 'b']);
    const after = [ringing('a', 1_000_000, 'Active'), calls[2] as Call];
    queue.sync(after);
    expect(ids(after)).toEqual(['c']);
    expect(queue.model(after)).toMatchObject({ id: 'reception', count: 1 });
  });

  it('sends a caller on after the longest wait, and a new caller when the queue is full', async () => {
    const calls = [ringing('a', 1_000_000), ringing('b', 1_000_000), ringing('c', 1_000_000)];
    queue.sync(calls);
    queue.sync([...calls, ringing('d', 1_000_500)]);
    expect(deflected).toEqual([['d', '8000']]);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(deflected).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deflected.map(([id]) => id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('does nothing when off, and keeps no timer for a caller answered in time', async () => {
    const answered = [ringing('a', 1_000_000)];
    queue.sync(answered);
    queue.sync([ringing('a', 1_000_000, 'Active')]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(deflected).toEqual([]);
    queue.configure({ ...POLICY, isOn: false });
    queue.sync([ringing('z', Date.now())]);
    expect(queue.model([ringing('z', Date.now())])).toBeNull();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(deflected).toEqual([]);
  });

  it('answers a caller with music when the receptionist is busy, and keeps them queued while they listen', () => {
    queue.configure({ ...POLICY, isAnsweredWithMusic: true });
    const talking = ringingCall('t', { status: 'Active' });
    queue.sync([ringingCall('free', { createdAt: Date.now() })]);
    expect(answered).toEqual([]);
    const calls = [talking, ringingCall('a', { createdAt: Date.now() })];
    queue.sync(calls);
    expect(answered).toEqual(['a']);
    const onMusic = [talking, ringingCall('a', { createdAt: Date.now(), status: 'Held', onQueueMusic: true })];
    queue.sync(onMusic);
    expect(ids(onMusic)).toEqual(['a']);
    expect(answered).toEqual(['a']);
  });
});
