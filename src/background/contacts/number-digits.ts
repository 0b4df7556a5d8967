import type { ContactPhone } from '../../shared/model/contact.ts';
import { searchedDigitsOf } from '../storage/text-keys.ts';

/**
 * The numbers of a directory kept in memory, for runs of digits found without reading a key block: every number's
 * digits (those its search keys hold), in the order of their contacts' positions (name order), each followed by a
 * separator, as one text; where each number starts in it, and whose it is. ~2 MB for 100,000 contacts with a number
 * each; a run is found with `indexOf` over it (a fraction of a millisecond), where a key block read from IndexedDB
 * costs ~1 ms (p95 3–5 ms on a busy machine).
 */
export class NumberDigits {
  readonly #text: string;
  readonly #starts: Int32Array;
  readonly #positions: Int32Array;

  constructor(text: string, starts: Int32Array, positions: Int32Array) {
    this.#text = text;
    this.#starts = starts;
    this.#positions = positions;
  }

  /**
   * The positions of the contacts with a number holding `run`, in position order, each once: from the `skip`-th on,
   * at most `limit` of them.
   */
  positionsOf(run: string, skip: number, limit: number): number[] {
    const positions: number[] = [];
    let skipped = 0;
    let previous = -1;
    for (
      let at = this.#text.indexOf(run);
      at !== -1 && positions.length < limit;
      at = this.#text.indexOf(run, at + 1)
    ) {
      const position = this.#positions[this.#numberAt(at)] ?? -1;
      // A contact's numbers are side by side: the same run found again in them is next to the first.
      if (position === previous) continue;
      previous = position;
      if (skipped++ < skip) continue;
      positions.push(position);
    }
    return positions;
  }

  /** The number whose digits hold the character at `at`: the last one starting at or before it. */
  #numberAt(at: number): number {
    let low = 0;
    let high = this.#starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#starts[middle] ?? 0) <= at) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }
}

/** Gathers a directory's numbers, contact by contact in any order, then makes them a `NumberDigits`. */
export class NumberDigitsBuilder {
  /** Each position's numbers' digits, each followed by the separator (holes: positions with no number, or not seen). */
  readonly #digitsAt: string[] = [];

  add(position: number, phones: readonly Pick<ContactPhone, 'number'>[]): void {
    let digits = '';
    for (const { number } of phones) {
      const searched = searchedDigitsOf(number);
      if (searched !== '') digits += `${searched}${SEPARATOR}`;
    }
    if (digits !== '') this.#digitsAt[position] = digits;
  }

  build(): NumberDigits {
    const pieces: string[] = [];
    const starts: number[] = [];
    const positions: number[] = [];
    let length = 0;
    this.#digitsAt.forEach((digits, position) => {
      for (let start = 0; start < digits.length; start = digits.indexOf(SEPARATOR, start) + 1) {
        starts.push(length + start);
        positions.push(position);
      }
      pieces.push(digits);
      length += digits.length;
    });
    return new NumberDigits(pieces.join(''), Int32Array.from(starts), Int32Array.from(positions));
  }
}

/** After each number's digits: no run of digits reaches across it. */
const SEPARATOR = '|';
