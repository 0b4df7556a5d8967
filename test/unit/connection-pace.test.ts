import { describe, expect, it } from 'vitest';
import { ConnectionPace } from '../../src/engine/line/connection-pace.ts';

/** Attempts made as soon as the pace allows, from `start`, `count` of them: their times. */
function eagerAttempts(pace: ConnectionPace, start: number, count: number): number[] {
  const times: number[] = [];
  let now = start;
  for (let attempt = 0; attempt < count; attempt++) {
    now += pace.waitBeforeNext(now);
    pace.attempted(now);
    times.push(now);
  }
  return times;
}

describe('the pace of connection attempts', () => {
  it('lets the first attempt go at once', () => {
    expect(new ConnectionPace().waitBeforeNext(5_000)).toBe(0);
  });

  it('keeps attempts half a second apart', () => {
    const pace = new ConnectionPace();
    pace.attempted(1_000);
    expect(pace.waitBeforeNext(1_200)).toBe(300);
    expect(pace.waitBeforeNext(1_500)).toBe(0);
  });

  it('never lets three attempts into one second, with a margin for the socket opening late', () => {
    const times = eagerAttempts(new ConnectionPace(), 0, 12);
    for (let index = 2; index < times.length; index++) {
      expect((times[index] as number) - (times[index - 2] as number)).toBeGreaterThanOrEqual(1_100);
    }
    expect(times.slice(0, 3)).toEqual([0, 500, 1_100]);
  });

  it('does not hold back an attempt long after the last ones', () => {
    const pace = new ConnectionPace();
    pace.attempted(0);
    pace.attempted(500);
    expect(pace.waitBeforeNext(10_000)).toBe(0);
  });
});
