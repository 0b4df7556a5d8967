/**
 * `npm run bench`, click-to-call part: on the same generated CRM pages (1 MB and 5 MB, about 3,000 numbers per MB),
 * the content script's scanner beside libphonenumber-js's `findPhoneNumbersInText` (time, ratio, longest task),
 * precision and recall of both on the labelled corpus, the DOM benchmark (append and remove 10,000 rows) with the
 * extension on versus off, and the content script's size gzipped. Prints figures; asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Page } from 'puppeteer-core';
import { launchExtension, type ExtensionSession } from '../test/support/extension-browser.ts';
import { CORPUS, scoreCorpus } from '../test/support/click-to-call-corpus.ts';
import { crmPage, DOM_BENCH_PAGE } from '../test/support/crm-page.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOM_ROUNDS = 5;
/**
 * Timed runs of each finder, alternating. A run of either may take a garbage collection of the other's garbage with
 * the 5 MB page's DOM (300–600 ms, seen in 2 or 3 runs of 15): with five, two such runs moved the median.
 */
const FINDING_RUNS = 11;

export async function runClickToCallBench(): Promise<void> {
  const pages = new Map<string, string>([
    ['/crm-1.html', crmPage(1)],
    ['/crm-5.html', crmPage(5)],
    ['/dom.html', DOM_BENCH_PAGE],
    [
      '/blank.html',
      '<!doctype html><html><head><meta charset="utf-8"><title>corpus</title></head><body></body></html>',
    ],
  ]);
  const server = createServer((request, response) => {
    const body = pages.get(request.url ?? '');
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // The extension may read 127.0.0.1 only: pages on "localhost" are the same pages with the extension off.
  const session = await launchExtension({ grantedSites: ['http://127.0.0.1/*'] });
  const bundle = await benchBundle();
  try {
    console.log('\nclick-to-call');
    for (const size of [1, 5]) {
      const page = await openQuiet(session, `http://localhost:${port}/crm-${size}.html`);
      await page.addScriptTag({ content: bundle });
      // Steady state: one untimed run of each to warm the JIT, then the median of FINDING_RUNS, alternating.
      const libraryRuns: { ms: number; found: number }[] = [];
      const findingRuns: { ms: number; found: number }[] = [];
      await page.evaluate(() => window.clickToCallBench.findWithLibrary('FR'));
      await page.evaluate(() => window.clickToCallBench.findWithOurs('FR'));
      for (let run = 0; run < FINDING_RUNS; run++) {
        libraryRuns.push(await page.evaluate(() => window.clickToCallBench.findWithLibrary('FR')));
        findingRuns.push(await page.evaluate(() => window.clickToCallBench.findWithOurs('FR')));
      }
      const library = medianRun(libraryRuns);
      const finding = medianRun(findingRuns);
      const { result: ours, ...layout } = await layoutFigures(page, () =>
        page.evaluate(() => window.clickToCallBench.scan('FR')),
      );
      console.log(
        `  ${size} MB page: finding ${finding.ms.toFixed(0)} ms (${finding.found} numbers) vs libphonenumber-js findPhoneNumbersInText` +
          ` ${library.ms.toFixed(0)} ms (${library.found}, in one task; medians of ${FINDING_RUNS}) · ${(library.ms / finding.ms).toFixed(1)}× faster`,
      );
      console.log(
        `    full scan with linking: ${ours.busyMs.toFixed(0)} ms of work over ${ours.ms.toFixed(0)} ms, longest task of ours ${ours.longestSliceMs.toFixed(1)} ms, ${ours.links} links` +
          (ours.kept > 0 ? ` and ${ours.kept} numbers highlighted when on screen (a heavy page)` : '') +
          ';' +
          ` page tasks over 50 ms meanwhile (the browser's layout of the table after our writes): ${ours.pageLongTasks.length}` +
          (ours.pageLongTasks.length > 0 ? `, longest ${Math.max(...ours.pageLongTasks).toFixed(0)} ms` : ''),
      );
      const { onScreen } = ours;
      console.log(
        `    on screen first: ${onScreen.linkedAtOnce} of the ${onScreen.linkedInTheEnd} numbers in the window linked ${onScreen.linkedMs.toFixed(0)} ms after the scanner started (one task),` +
          ` painted after ${onScreen.paintedMs.toFixed(0)} ms (the page's layout of the whole table after our writes)`,
      );
      console.log(`    the page's layouts meanwhile: ${layout.count}, ${layout.ms.toFixed(0)} ms in all`);
      if (ours.scrolledDrawnMs !== null) {
        console.log(
          `    scrolled to the middle → the numbers there drawn: ${ours.scrolledDrawnMs.toFixed(0)} ms (the scanner waits 100 ms for the scroll to pause; target ≤ 100 ms after it)`,
        );
      }
      await page.close();
    }

    const corpusPage = await openQuiet(session, `http://localhost:${port}/blank.html`);
    await corpusPage.addScriptTag({ content: bundle });
    const results = await corpusPage.evaluate(
      (fragments) => window.clickToCallBench.corpus(fragments),
      CORPUS.map(({ id, country, html }) => ({ id, country, html })),
    );
    const ourScore = await scoreCorpus((fragment) => results.ours[fragment.id] ?? []);
    const libraryScore = await scoreCorpus((fragment) => results.library[fragment.id] ?? []);
    console.log(
      `  corpus (${CORPUS.length} fragments, ${ourScore.expected} numbers): ours precision ${ourScore.precision.toFixed(3)} recall ${ourScore.recall.toFixed(3)}` +
        ` · libphonenumber-js precision ${libraryScore.precision.toFixed(3)} recall ${libraryScore.recall.toFixed(3)}`,
    );
    await corpusPage.close();

    const off = await domBench(session, `http://localhost:${port}/dom.html`, false);
    const on = await domBench(session, `http://127.0.0.1:${port}/dom.html`, true);
    console.log(
      `  DOM benchmark (append and remove 10,000 rows × ${DOM_ROUNDS}): off ${off.toFixed(0)} ms, on ${on.toFixed(0)} ms · ${(on / off).toFixed(2)}× slowdown`,
    );

    const script = await readFile(`${ROOT}dist/chrome/content.js`);
    console.log(
      `  content script: ${(script.length / 1024).toFixed(1)} KB, ${(gzipSync(script).length / 1024).toFixed(1)} KB gzipped`,
    );
  } finally {
    await session.close();
    server.close();
  }
}

/** What `work` gave, and how many times the page laid itself out meanwhile, for how long (DevTools' page metrics). */
async function layoutFigures<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; count: number; ms: number }> {
  const before = await page.metrics();
  const result = await work();
  const after = await page.metrics();
  return {
    result,
    count: (after.LayoutCount ?? 0) - (before.LayoutCount ?? 0),
    ms: ((after.LayoutDuration ?? 0) - (before.LayoutDuration ?? 0)) * 1000,
  };
}

function medianRun<T extends { ms: number }>(runs: T[]): T {
  const sorted = [...runs].sort((left, right) => left.ms - right.ms);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
}

async function openQuiet(session: ExtensionSession, url: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.bringToFront();
  return page;
}

async function domBench(session: ExtensionSession, url: string, expectsLinks: boolean): Promise<number> {
  const page = await openQuiet(session, url);
  if (expectsLinks) {
    // The content script is there and working: a first batch gets linked before the timing starts.
    await page.evaluate(() => {
      const row = document.createElement('p');
      row.textContent = '01 23 45 67 89';
      document.body.append(row);
    });
    await page.waitForFunction(() => document.querySelector('a.switchboard-number') !== null, {
      polling: 100,
      timeout: 20_000,
    });
  }
  const ms = await page.evaluate(
    (rounds) => (window as unknown as { runDomBench: (rounds: number) => Promise<number> }).runDomBench(rounds),
    DOM_ROUNDS,
  );
  await page.close();
  return ms;
}

async function benchBundle(): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/click-to-call-page.ts'],
    bundle: true,
    format: 'iife',
    target: 'chrome116',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runClickToCallBench();
