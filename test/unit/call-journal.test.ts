import { describe, expect, it } from 'vitest';
import { CALL_JOURNAL_KEY, CallJournal, type JournalStorage } from '../../src/engine/calls/call-journal.ts';
import type { Logger } from '../../src/shared/log.ts';
import type { Call, CallId } from '../../src/shared/model/call.ts';
import { ringingCall } from '../support/call-fixture.ts';
import type { CallRecord } from '../../src/shared/model/call-record.ts';

class MapStorage implements JournalStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => {}, info: () => {}, warn: (message) => warnings.push(message), error: () => {} };
}

/** An answered call from 201, with what a case changes. */
const call = (id: string, patch: Partial<Call>): Call =>
  ringingCall(id, {
    status: 'Active',
    remoteName: 'Bob',
    remoteNumber: '201',
    createdAt: 1_000,
    answeredAt: 2_000,
    ...patch,
  });

const DIALOG = {
  callId: 'abc@host',
  localTag: 'l1',
  remoteTag: 'r1',
  localUri: 'sip:reception@lab.switchboard',
  remoteUri: 'sip:201@lab.switchboard',
  remoteTarget: 'sip:201@127.0.0.1:5062',
  routeSet: ['<sip:127.0.0.1;lr>'],
  localSequenceNumber: 3,
};

const ENDED: CallRecord = {
  id: 'call-x-9' as CallId,
  direction: 'outgoing',
  outcome: 'answered',
  remoteName: '',
  remoteNumber: '300',
  startedAt: 1,
  answeredAt: 2,
  endedAt: 3,
  endReason: null,
  signaling: null,
};

describe('the call journal', () => {
  it('gives the next engine every call once: ended rows as they were, calls in progress cut off or missed', () => {
    const storage = new MapStorage();
    new CallJournal(storage, recordingLog()).keep(
      [
        { model: call('call-a-1', {}), dialog: DIALOG },
        { model: call('call-a-2', { status: 'Alerting', answeredAt: null }), dialog: null },
        { model: call('call-a-3', { direction: 'outgoing', status: 'Ringing', answeredAt: null }), dialog: null },
      ],
      [ENDED],
    );

    const next = new CallJournal(storage, recordingLog()).takeOver(5_000);

    expect(next.cutOff).toBe(3);
    expect(next.dialogs).toEqual([DIALOG]);
    expect(next.records.map((record) => [record.id, record.outcome, record.endedAt])).toEqual([
      ['call-x-9', 'answered', 3],
      ['call-a-1', 'interrupted', 5_000],
      ['call-a-2', 'missed', 5_000],
      ['call-a-3', 'interrupted', 5_000],
    ]);
  });

  it('writes only what changed, and removes itself when nothing is left', () => {
    const storage = new MapStorage();
    const journal = new CallJournal(storage, recordingLog());
    journal.keep([{ model: call('call-a-1', {}), dialog: null }], []);
    journal.keep([{ model: call('call-a-1', {}), dialog: null }], []);
    expect(storage.writes).toBe(1);
    journal.keep([], []);
    expect(storage.items.has(CALL_JOURNAL_KEY)).toBe(false);
    expect(new CallJournal(storage, recordingLog()).takeOver(1)).toEqual({ records: [], cutOff: 0, dialogs: [] });
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['another version', JSON.stringify({ version: 2, calls: [], ended: [] })],
    [
      'a call without its fields',
      JSON.stringify({ version: 1, calls: [{ model: { id: 'x' }, dialog: null }], ended: [] }),
    ],
    [
      'a huge route set',
      JSON.stringify({
        version: 1,
        calls: [{ model: call('c', {}), dialog: { ...DIALOG, routeSet: Array(99).fill('x') } }],
        ended: [],
      }),
    ],
  ])('leaves aside a journal that is %s, with a warning, and takes nothing from it', (_what, text) => {
    const storage = new MapStorage();
    storage.items.set(CALL_JOURNAL_KEY, text);
    const log = recordingLog();
    expect(new CallJournal(storage, log).takeOver(1)).toEqual({ records: [], cutOff: 0, dialogs: [] });
    expect(log.warnings).toHaveLength(1);
  });

  it('carries on when the storage refuses writes, saying so once', () => {
    const log = recordingLog();
    const refusing: JournalStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const journal = new CallJournal(refusing, log);
    journal.keep([{ model: call('call-a-1', {}), dialog: null }], []);
    journal.keep([{ model: call('call-a-1', { isMuted: true }), dialog: null }], []);
    expect(log.warnings).toEqual(['could not write the call journal']);
  });
});
