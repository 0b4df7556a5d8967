import type { WorkSlices } from '../../shared/work-slices.ts';
import { lowerBound } from './sorted-bounds.ts';
import { eachSortedPiece } from './sorted-in-slices.ts';

/**
 * The word and e-mail keys of a directory kept in memory (`n:…`, `e:…`, as its key blocks hold them), for words found
 * without reading a block: each key once, sorted as IndexedDB sorts them, and the positions of the contacts under it,
 * in name order. A prefix is then found by a binary search (a few microseconds), where a key block read from IndexedDB
 * costs ~1 ms (p95 3–18 ms while the background's code and the database are cold: the first keystrokes of the day).
 * ~4 MB for 100,000 contacts of ~6 words each, most of them the names' own.
 */
export class WordPositions {
  readonly #keys: readonly string[];
  /** Where each key's positions start in `#positions`; one more at the end, where the last key's end. */
  readonly #starts: Int32Array;
  readonly #positions: Int32Array;

  constructor(keys: readonly string[], starts: Int32Array, positions: Int32Array) {
    this.#keys = keys;
    this.#starts = starts;
    this.#positions = positions;
  }

  /**
   * The positions under keys starting with `prefix`, in key then name order (as a part's key blocks give them), from
   * the `skip`-th on, at most `limit` of them.
   */
  positionsUnder(prefix: string, skip: number, limit: number): number[] {
    const positions: number[] = [];
    let toSkip = skip;
    for (let index = lowerBound(this.#keys, prefix); index < this.#keys.length; index++) {
      if (positions.length >= limit || !(this.#keys[index] ?? '').startsWith(prefix)) break;
      const start = this.#starts[index] ?? 0;
      const end = this.#starts[index + 1] ?? start;
      // A key's positions skipped all at once: a search pages through a common word's thousands of contacts.
      const from = start + Math.min(toSkip, end - start);
      toSkip -= from - start;
      for (let at = from; at < end && positions.length < limit; at++) positions.push(this.#positions[at] ?? 0);
    }
    return positions;
  }
}

/** Gathers a directory's word keys, contact by contact in any order, then makes them a `WordPositions`. */
export class WordPositionsBuilder {
  readonly #positionsOf = new Map<string, number[]>();
  #count = 0;

  /** `keys`: the contact's at `position` (each once: `contactWordKeys`). */
  add(position: number, keys: readonly string[]): void {
    for (const key of keys) {
      const positions = this.#positionsOf.get(key);
      if (positions === undefined) this.#positionsOf.set(key, [position]);
      else positions.push(position);
    }
    this.#count += keys.length;
  }

  /** The keys sorted and their positions laid end to end, in slices (`slices`: the work's clock). */
  async build(slices: WorkSlices): Promise<WordPositions> {
    const keys: string[] = [];
    await eachSortedPiece([...this.#positionsOf.keys()], slices, (sorted) => {
      for (const key of sorted) keys.push(key);
    });
    const starts = new Int32Array(keys.length + 1);
    const positions = new Int32Array(this.#count);
    let at = 0;
    for (const [index, key] of keys.entries()) {
      starts[index] = at;
      const list = this.#positionsOf.get(key) ?? [];
      positions.set(list, at);
      // Contacts come in any order (a part's packs are read in the order of their ids' text): each key's in name order.
      positions.subarray(at, at + list.length).sort();
      at += list.length;
      await slices.pause();
    }
    starts[keys.length] = at;
    this.#positionsOf.clear();
    return new WordPositions(keys, starts, positions);
  }
}
