import { describe, expect, it } from 'vitest';
import { AcdQueue, AcdRefusal, type AcdPriority, type AcdQueueEntry } from './acd-queue.ts';

function entry(callId: string, priority: AcdPriority = '0-Highest'): AcdQueueEntry {
  return {
    callId,
    extTrackingId: `${callId}:1`,
    remoteName: callId,
    remoteAddress: `tel:${callId}`,
    addTime: 1,
    acdName: 'Sales',
    acdNumber: '8001',
    priority,
    addTimeInPriorityBucket: 1,
    isBounced: false,
    isReordered: false,
  };
}

const order = (queue: AcdQueue) => queue.entries.map((queued) => queued.callId);

describe('a call center queue', () => {
  it('serves by priority, then by arrival', () => {
    const queue = new AcdQueue(true);
    expect(queue.add(entry('a', '2-Medium'))).toBe(1);
    expect(queue.add(entry('b', '0-Highest'))).toBe(1);
    expect(queue.add(entry('c', '2-Medium'))).toBe(3);
    expect(queue.add(entry('d', '1-High'))).toBe(2);
    expect(order(queue)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('promotes only upwards, only on Premium, never a bounced call; to the end of the new priority', () => {
    const queue = new AcdQueue(true);
    for (const [id, priority] of [
      ['a', '0-Highest'],
      ['b', '1-High'],
      ['c', '3-Low'],
    ] as const)
      queue.add(entry(id, priority));
    expect(queue.promote('c', '1-High', 5)).toBe(3);
    expect(order(queue)).toEqual(['a', 'b', 'c']);
    expect(queue.promote('c', '0-Highest', 6)).toBe(2);
    expect(queue.find('c')).toMatchObject({ priority: '0-Highest', addTimeInPriorityBucket: 6 });
    expect(() => queue.promote('b', '2-Medium', 7)).toThrow(AcdRefusal);
    const bounced = queue.find('b');
    if (bounced !== undefined) bounced.isBounced = true;
    expect(() => queue.promote('b', '0-Highest', 7)).toThrow(/bounced/);
    expect(() => new AcdQueue(false).promote('x', '0-Highest', 1)).toThrow(/No call/);
    const standard = new AcdQueue(false);
    standard.add(entry('x', '1-High'));
    expect(() => standard.promote('x', '0-Highest', 1)).toThrow(/Premium/);
  });

  it('reorders only highest-priority calls, among themselves, and marks them reordered', () => {
    const queue = new AcdQueue(true);
    for (const [id, priority] of [
      ['a', '0-Highest'],
      ['b', '0-Highest'],
      ['c', '0-Highest'],
      ['d', '1-High'],
    ] as const)
      queue.add(entry(id, priority));
    expect(queue.reorder('c', 0)).toBe(1);
    expect(queue.reorder('a', 99)).toBe(3);
    expect(order(queue)).toEqual(['c', 'b', 'a', 'd']);
    expect(queue.find('c')?.isReordered).toBe(true);
    expect(() => queue.reorder('d', 0)).toThrow(/highest priority/);
    expect(() => queue.remove('zz')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
