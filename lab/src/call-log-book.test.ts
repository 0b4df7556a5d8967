import { describe, expect, it } from 'vitest';
import { CallLogBook } from './call-log-book.ts';

describe("the lab's call logs", () => {
  const names = new Map([['201', 'Alice Martin']]);
  const call = (caller: string, callee: string, startedAt: number, wasAnswered: boolean) => ({
    caller: { user: caller, displayName: null },
    callee: { user: callee, displayName: null },
    startedAt,
    wasAnswered,
  });

  it('logs a call as placed by its caller, and received or missed by its callee, newest first', () => {
    const book = new CallLogBook((user) => names.get(user) ?? null);
    book.ended(call('reception', '201', 1_000, true));
    book.ended(call('201', 'reception', 2_000, false));
    expect(book.of('reception').map(({ kind, number, name, time }) => ({ kind, number, name, time }))).toEqual([
      { kind: 'missed', number: '201', name: 'Alice Martin', time: 2_000 },
      { kind: 'placed', number: '201', name: 'Alice Martin', time: 1_000 },
    ]);
    expect(book.of('201').map((entry) => entry.kind)).toEqual(['placed', 'received']);
    expect(new Set([...book.of('reception'), ...book.of('201')].map((entry) => entry.callLogId)).size).toBe(4);
  });

  it('keeps the last 20 calls of each kind', () => {
    const book = new CallLogBook(() => null);
    for (let index = 0; index < 25; index++) book.ended(call('trunk', 'reception', index, false));
    const missed = book.of('reception');
    expect(missed).toHaveLength(20);
    expect(missed.at(-1)?.time).toBe(5);
  });

  it("deletes one user's logs, and only theirs", () => {
    const book = new CallLogBook(() => null);
    book.ended(call('reception', '201', 1_000, true));
    book.deleteAllOf('reception');
    expect(book.of('reception')).toEqual([]);
    expect(book.of('201').map((entry) => entry.kind)).toEqual(['received']);
  });
});
