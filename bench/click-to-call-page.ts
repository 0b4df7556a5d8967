/**
 * Bundled by the click-to-call benchmark and put into a plain Chromium page: the content script's real scanner and
 * libphonenumber-js's own `findPhoneNumbersInText`, side by side over the same page.
 */
import './page-extension-stub.ts';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import { PageScanner, idleSliceScheduler, type SliceScheduler } from '../src/content/page-scanner.ts';
import { NumberLinks, LINK_CLASS } from '../src/content/number-links.ts';
import { HIGHLIGHT_NAME, NumberHighlights } from '../src/content/number-highlights.ts';
import { PageNumberFinder } from '../src/shared/phone-number/page-number-finder.ts';
import { numbersLinkedIn } from '../test/support/click-to-call-corpus.ts';

declare global {
  interface Window {
    clickToCallBench: typeof api;
  }
}

const api = {
  /** Links the whole page as the content script does; returns the wall time and the longest slice it ran. */
  async scan(country: string): Promise<{
    ms: number;
    busyMs: number;
    longestSliceMs: number;
    links: number;
    /** Numbers kept and highlighted while on screen (a heavy page's), not written as links. */
    kept: number;
    /** A heavy page scrolled to its middle → the numbers there drawn (null: not heavy). */
    scrolledDrawnMs: number | null;
    pageLongTasks: number[];
    onScreen: { linkedMs: number; paintedMs: number; linkedAtOnce: number; linkedInTheEnd: number };
  }> {
    // The content script's stylesheet, which the browser injects before the page's first paint: here, the page's
    // style is computed again for it before the timing starts.
    const style = document.createElement('style');
    style.textContent = `::highlight(${HIGHLIGHT_NAME}) { text-decoration: underline dotted; }`;
    document.head.append(style);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    // The page's own long tasks meanwhile (rendering included): what our writes cost it in layouts.
    const pageLongTasks: number[] = [];
    const observer = new PerformanceObserver((list) =>
      pageLongTasks.push(...list.getEntries().map((entry) => entry.duration)),
    );
    observer.observe({ type: 'longtask' });
    let longestSliceMs = 0;
    let busyMs = 0;
    const measured: SliceScheduler = (slice) =>
      idleSliceScheduler((budget) => {
        const start = performance.now();
        slice(budget);
        const took = performance.now() - start;
        busyMs += took;
        longestSliceMs = Math.max(longestSliceMs, took);
      });
    const links = new NumberLinks(document);
    const highlights = new NumberHighlights(document);
    const start = performance.now();
    const finder = new PageNumberFinder(country as CountryCode);
    const scanner = new PageScanner(document, finder, links, measured, highlights);
    scanner.start();
    // The numbers on screen are linked in the task that starts the scanner; the page then lays itself out to paint.
    const linkedMs = performance.now() - start;
    const linkedAtOnce = linksOnScreen();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const paintedMs = performance.now() - start;
    await scanner.whenIdle();
    const ms = performance.now() - start;
    const linkedInTheEnd = linksOnScreen();
    // A heavy page: scrolled to its middle, how long until the numbers there are drawn (the scanner waits for the
    // scroll to pause, 100 ms, then draws what is on screen).
    let scrolledDrawnMs: number | null = null;
    if (scanner.isHeavy) {
      const scrolledAt = performance.now();
      scrollTo(0, document.documentElement.scrollHeight / 2);
      while (performance.now() - scrolledAt < 5_000 && !isHighlightOnScreen()) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      scrolledDrawnMs = isHighlightOnScreen() ? performance.now() - scrolledAt : null;
    }
    scanner.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return {
      ms,
      busyMs,
      longestSliceMs,
      links: document.querySelectorAll(`a.${LINK_CLASS}`).length,
      kept: highlights.keptCount,
      scrolledDrawnMs,
      pageLongTasks,
      onScreen: { linkedMs, paintedMs, linkedAtOnce, linkedInTheEnd },
    };
  },

  /** Finding only (no linking): our pre-filter and validation over every text node the scanner would read. */
  findWithOurs(country: string): { ms: number; found: number } {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    // As the scanner's walker: text too short to hold a number (seven digits) is not read.
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode())
      if ((node as Text).data.length >= 7) texts.push((node as Text).data);
    const start = performance.now();
    const finder = new PageNumberFinder(country as CountryCode);
    let found = 0;
    for (const text of texts) found += finder.find(text).length;
    return { ms: performance.now() - start, found };
  },

  /** libphonenumber-js alone over the page's visible text: one call, so its time is also its longest task. */
  findWithLibrary(country: string): { ms: number; found: number } {
    const text = document.body.innerText;
    const start = performance.now();
    const found = findPhoneNumbersInText(text, country as CountryCode).length;
    return { ms: performance.now() - start, found };
  },

  /** Both finders over each corpus fragment; E.164 numbers per fragment id. */
  async corpus(
    fragments: { id: string; country: string; html: string }[],
  ): Promise<{ ours: Record<string, string[]>; library: Record<string, string[]> }> {
    const ours: Record<string, string[]> = {};
    const library: Record<string, string[]> = {};
    for (const fragment of fragments) {
      document.body.innerHTML = fragment.html;
      library[fragment.id] = findPhoneNumbersInText(document.body.innerText, fragment.country as CountryCode).map(
        (found) => found.number.number,
      );
      const links = new NumberLinks(document);
      const scanner = new PageScanner(document, new PageNumberFinder(fragment.country as CountryCode), links, (slice) =>
        setTimeout(() => slice(50), 0),
      );
      scanner.start();
      await scanner.whenIdle();
      scanner.stop();
      ours[fragment.id] = numbersLinkedIn(links, document);
    }
    return { ours, library };
  },
};

/** Whether a number drawn as a highlight is in the window now. */
function isHighlightOnScreen(): boolean {
  for (const range of CSS.highlights.get(HIGHLIGHT_NAME) ?? []) {
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const box = live.getBoundingClientRect();
    if (box.bottom > 0 && box.top < innerHeight) return true;
  }
  return false;
}

/** Our links whose boxes are in the window now. */
function linksOnScreen(): number {
  return Array.from(document.querySelectorAll(`a.${LINK_CLASS}`)).filter((link) => {
    const box = link.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  }).length;
}

window.clickToCallBench = api;
