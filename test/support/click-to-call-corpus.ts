import corpus from '../fixtures/click-to-call/corpus.json';
import type { NumberLinks } from '../../src/content/number-links.ts';

/** One labelled page fragment: the HTML, the country its national numbers belong to, the numbers a reader sees. */
export interface CorpusFragment {
  readonly id: string;
  readonly country: string;
  readonly html: string;
  /** E.164, in page order. */
  readonly numbers: readonly string[];
}

export const CORPUS: readonly CorpusFragment[] = corpus;

export interface CorpusScore {
  readonly precision: number;
  readonly recall: number;
  readonly found: number;
  readonly expected: number;
  readonly correct: number;
  /** Fragments where the finder was wrong, with what it found. */
  readonly misses: readonly { id: string; expected: readonly string[]; found: readonly string[] }[];
}

/** Precision and recall of a finder over the corpus (numbers matched as multisets per fragment). */
export async function scoreCorpus(
  findIn: (fragment: CorpusFragment) => Promise<readonly string[]> | readonly string[],
): Promise<CorpusScore> {
  let found = 0;
  let expected = 0;
  let correct = 0;
  const misses: { id: string; expected: readonly string[]; found: readonly string[] }[] = [];
  for (const fragment of CORPUS) {
    const numbers = await findIn(fragment);
    const remaining = [...fragment.numbers];
    let hits = 0;
    for (const number of numbers) {
      const index = remaining.indexOf(number);
      if (index === -1) continue;
      remaining.splice(index, 1);
      hits++;
    }
    found += numbers.length;
    expected += fragment.numbers.length;
    correct += hits;
    if (hits !== numbers.length || hits !== fragment.numbers.length)
      misses.push({ id: fragment.id, expected: fragment.numbers, found: numbers });
  }
  return {
    precision: found === 0 ? 1 : correct / found,
    recall: expected === 0 ? 1 : correct / expected,
    found,
    expected,
    correct,
    misses,
  };
}

/**
 * What the intact links under `root` stand for, in page order, once per number (the parts of a number written over
 * several elements count once): what the page offers to call, as a reader counts it.
 */
export function numbersLinkedIn(links: NumberLinks, root: ParentNode): string[] {
  const seen = new Set<object>();
  const numbers: string[] = [];
  for (const link of Array.from(root.querySelectorAll('a'))) {
    const number = links.intactLinkAt(link)?.number;
    if (number === undefined || seen.has(number.whole)) continue;
    seen.add(number.whole);
    numbers.push(number.dial);
  }
  return numbers;
}
