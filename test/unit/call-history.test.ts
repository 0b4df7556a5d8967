import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CallHistory } from '../../src/background/call-history.ts';
import { SwitchboardDatabase } from '../../src/background/storage/database.ts';
import type { CallId } from '../../src/shared/model/call.ts';
import type { CallRecord } from '../../src/shared/model/call-record.ts';

let sequence = 0;
function record(patch: Partial<CallRecord>): CallRecord {
  sequence++;
  return {
    id: `call-${sequence}` as CallId,
    direction: 'incoming',
    outcome: 'answered',
    remoteName: '',
    remoteNumber: '200',
    startedAt: sequence * 1000,
    answeredAt: null,
    endedAt: sequence * 1000 + 500,
    endReason: null,
    signaling: null,
    ...patch,
  };
}

describe('the call history', () => {
  let history: CallHistory;

  beforeEach(() => {
    history = new CallHistory(new SwitchboardDatabase(`test-${Math.random()}`));
  });

  it('writes a call again under the same id without doubling it', async () => {
    const call = record({ outcome: 'missed' });
    await history.record([call]);
    await history.record([call]);
    expect(await history.list({ filter: 'all', search: '', limit: 10 })).toHaveLength(1);
  });

  it('lists newest first, by the console tabs', async () => {
    const missed = record({ outcome: 'missed', remoteNumber: '201' });
    const placed = record({ direction: 'outgoing', remoteNumber: '202' });
    const received = record({ remoteNumber: '203' });
    const declined = record({ outcome: 'declined', remoteNumber: '204' });
    await history.record([missed, placed, received, declined]);
    const numbers = async (filter: 'all' | 'missed' | 'placed' | 'received') =>
      (await history.list({ filter, search: '', limit: 10 })).map((row) => row.remoteNumber);
    expect(await numbers('all')).toEqual(['204', '203', '202', '201']);
    expect(await numbers('missed')).toEqual(['201']);
    expect(await numbers('placed')).toEqual(['202']);
    expect(await numbers('received')).toEqual(['204', '203']);
  });

  it('finds a call by name or by digits in any format', async () => {
    await history.record([
      record({ remoteName: 'Alice Martin', remoteNumber: '+33612345678' }),
      record({ remoteNumber: '201' }),
    ]);
    expect(await history.list({ filter: 'all', search: 'martin', limit: 10 })).toHaveLength(1);
    expect(await history.list({ filter: 'all', search: '06 12 34', limit: 10 })).toHaveLength(0);
    expect(await history.list({ filter: 'all', search: '612 34', limit: 10 })).toHaveLength(1);
  });

  it('counts missed calls newer than the last look, and offers recent numbers to redial', async () => {
    const old = record({ outcome: 'missed' });
    const recent = record({ outcome: 'missed' });
    await history.record([
      old,
      recent,
      record({ direction: 'outgoing', remoteNumber: '300' }),
      record({ direction: 'outgoing', remoteNumber: '301' }),
      record({ direction: 'outgoing', remoteNumber: '300' }),
    ]);
    const summary = await history.summary(old.endedAt);
    expect(summary.unseenMissed).toBe(1);
    expect(summary.recentNumbers.map((entry) => entry.number)).toEqual(['300', '301']);
  });
});
