import { describe, expect, it } from 'vitest';
import { watchForWake } from '../../src/engine/line/wake-detector.ts';

describe('noticing that the computer slept', () => {
  it('reports a gap between ticks longer than a sleep, and nothing for regular ticks', () => {
    let time = 0;
    let tick = (): void => undefined;
    const wakes: number[] = [];
    watchForWake((slept) => wakes.push(slept), {
      tickMs: 5000,
      sleepMs: 20_000,
      now: () => time,
      setInterval: (callback) => (tick = callback),
    });
    for (const step of [5000, 5100, 4900]) {
      time += step;
      tick();
    }
    expect(wakes).toEqual([]);
    time += 3_600_000;
    tick();
    expect(wakes).toEqual([3_600_000]);
  });
});
