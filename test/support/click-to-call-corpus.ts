import corpus from '../fixtures/click-to-call/corpus.json';

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
