import { describe, expect, it } from 'vitest';
import { compareCodeUnits, eachSortedPiece } from '../../src/background/contacts/sorted-in-slices.ts';
import { WorkSlices } from '../../src/shared/work-slices.ts';

async function pieces(strings: string[]): Promise<string[][]> {
  const handed: string[][] = [];
  await eachSortedPiece([...strings], new WorkSlices(1000), (sorted) => void handed.push([...sorted]));
  return handed;
}

describe('sorting in slices', () => {
  it('hands every string over once, in code-unit order, in pieces small enough to sort at once', async () => {
    // Many strings alike for their first characters (numbers of one area, ids of one import), some a prefix of
    // others, some past the basic plane.
    const strings = Array.from({ length: 30_000 }, (_each, index) => {
      const kind = index % 4;
      if (kind === 0) return `d:3314${String((index * 7919) % 100_000).padStart(7, '0')}`;
      if (kind === 1) return `i:imported/m3x1-ab12-${(index * 31).toString(36)}`;
      if (kind === 2) return `n:${'abcdefghij'.slice(0, 1 + (index % 10))}`;
      return `n:é${String.fromCodePoint(0x1f600 + (index % 50))}${index % 7}`;
    });
    const handed = await pieces(strings);
    expect(handed.flat()).toEqual([...strings].sort(compareCodeUnits));
    expect(Math.max(...handed.map((piece) => piece.length))).toBeLessThanOrEqual(4096);
  });

  it('sorts strings alike past the longest prefix it splits on in one piece', async () => {
    const alike = Array.from({ length: 5000 }, (_each, index) => `${'x'.repeat(120)}${5000 - index}`);
    const handed = await pieces(alike);
    expect(handed.flat()).toEqual([...alike].sort(compareCodeUnits));
    expect(handed).toHaveLength(1);
  });
});
