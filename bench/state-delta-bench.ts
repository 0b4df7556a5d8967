/**
 * `npm run bench`, state part: the work each context does when one entry changes while 1,000 are live, measured in
 * Debian's Chromium on the real modules (`state-delta-page.ts`), beside the first half's whole-state way in the same
 * page. Target (issue #11): under 1 ms in total. Prints figures; asserts nothing.
 */
import { benchPageScript, launchBenchBrowser } from './bench-browser.ts';

const script = await benchPageScript(new URL('./state-delta-page.ts', import.meta.url));
const browser = await launchBenchBrowser();
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: script });
  const figures = await page.evaluate(() =>
    (globalThis as unknown as { runStateDeltaBench: () => Record<string, number> }).runStateDeltaBench(),
  );
  const ms = (value: number | undefined) => `${(value ?? NaN).toFixed(3)} ms`;
  const total = (figures['engine'] ?? 0) + (figures['background'] ?? 0) + (figures['sidePanel'] ?? 0);
  const wholeTotal =
    (figures['wholeEngine'] ?? 0) + (figures['wholeBackground'] ?? 0) + (figures['wholeSidePanel'] ?? 0);
  console.log(
    '\none call changing while 1,000 are live (mean work per change over 1,500 changes, Chromium, real modules)',
  );
  console.log(
    `  engine host (delta + message copy)     ${ms(figures['engine'])}   whole state: ${ms(figures['wholeEngine'])}`,
  );
  console.log(
    `  background (validate, sink, fan-out)   ${ms(figures['background'])}   whole state: ${ms(figures['wholeBackground'])}`,
  );
  console.log(
    `  side panel (validate, apply to mirror) ${ms(figures['sidePanel'])}   whole state: ${ms(figures['wholeSidePanel'])}`,
  );
  console.log(
    `  total                                  ${ms(total)} (target < 1 ms)   whole state: ${ms(wholeTotal)} · ${(wholeTotal / total).toFixed(0)}× less work`,
  );
} finally {
  await browser.close();
}
