import { beforeAll, describe, expect, it } from 'vitest';
import type { CountryCode } from 'libphonenumber-js';
import { CORPUS, numbersLinkedIn, scoreCorpus, type CorpusFragment } from '../support/click-to-call-corpus.ts';
import { installExtensionApiStub } from '../support/extension-api-stub.ts';

installExtensionApiStub();
const { PageScanner } = await import('../../src/content/page-scanner.ts');
const { NumberLinks } = await import('../../src/content/number-links.ts');
const { PageNumberFinder } = await import('../../src/shared/phone-number/page-number-finder.ts');

/** Runs the real content-script scanner over a fragment in happy-dom and reads back the links it made. */
async function linkFragment(fragment: CorpusFragment): Promise<{ numbers: string[]; body: HTMLElement }> {
  document.body.innerHTML = fragment.html;
  const links = new NumberLinks(document);
  const scanner = new PageScanner(document, new PageNumberFinder(fragment.country as CountryCode), links, (slice) =>
    setTimeout(() => slice(50), 0),
  );
  scanner.start();
  await scanner.whenIdle();
  scanner.stop();
  const numbers = numbersLinkedIn(links, document);
  return { numbers, body: document.body };
}

describe('the click-to-call corpus', () => {
  it('has at least 100 labelled fragments from many countries, traps included', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CORPUS.map((fragment) => fragment.country)).size).toBeGreaterThanOrEqual(12);
    expect(CORPUS.filter((fragment) => fragment.numbers.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  let score: Awaited<ReturnType<typeof scoreCorpus>>;
  beforeAll(async () => {
    score = await scoreCorpus(async (fragment) => (await linkFragment(fragment)).numbers);
  });

  it('links the numbers with a precision of at least 0.99 and a recall of at least 0.98', () => {
    console.log(
      `click-to-call corpus: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)} (${score.correct}/${score.expected} found, ${score.found} links)`,
    );
    for (const miss of score.misses)
      console.log(`  ${miss.id}: expected ${miss.expected.join(' ') || '—'}, linked ${miss.found.join(' ') || '—'}`);
    expect(score.precision).toBeGreaterThanOrEqual(0.99);
    expect(score.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps the page text as it was, only wrapped', async () => {
    for (const fragment of CORPUS.slice(0, 40)) {
      document.body.innerHTML = fragment.html;
      const before = document.body.textContent;
      const { body } = await linkFragment(fragment);
      expect(body.textContent, fragment.id).toBe(before);
    }
  });
});
