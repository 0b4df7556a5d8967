import type { FoundNumber, PageNumberFinder } from '../shared/phone-number/page-number-finder.ts';
import { sipAddressOf, telephoneNumberOf } from '../shared/phone-number/telephone-uri.ts';
import { InlineRuns, piecesOf, type InlineRun } from './inline-runs.ts';
import type { KeptNumber, NumberHighlights } from './number-highlights.ts';
import type { NumberLinks } from './number-links.ts';
import { blocksOnScreen } from './on-screen-blocks.ts';

/**
 * Walks the page and turns the phone numbers in its text into links, in slices of a few milliseconds at background
 * priority, so no task of ours comes near 50 ms whatever the page's size. A MutationObserver queues whatever the
 * page adds later (single-page CRMs, infinite tables); everything queued is linked, however much there is.
 *
 * Reading and writing are apart: numbers found are kept, and written in batches. Every task that changes the DOM
 * costs the page a layout, and on a table of thousands of rows one layout takes longer than our whole slice: a
 * hundred small writes would cost a hundred of them, ten batches cost ten. On a page where even one layout is long (a
 * table of tens of thousands of elements), the scanner stops writing: what it reads from then on is kept and drawn as
 * highlights while on screen (`NumberHighlights`), which costs the page no layout at all.
 */
export class PageScanner {
  readonly #queue: Node[] = [];
  readonly #pendingLinks: PendingLinks[] = [];
  /** The pending links of each text node, for numbers split over several nodes to join. */
  readonly #pendingByText = new Map<Text, PendingLinks>();
  readonly #runs = new InlineRuns((element) => INLINE_TAGS.has(element.localName) && !this.#isClosed(element));
  #walker: TreeWalker | null = null;
  #isScheduled = false;
  #isStopped = false;
  readonly #observer: MutationObserver;
  /** Text we read and found nothing in, with what it said then: seen again unchanged, it is not read again. */
  readonly #nothingIn = new WeakMap<Text, string>();
  #idleWaiters: (() => void)[] = [];
  #scrollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writing links costs this page a long layout each time: numbers are kept and highlighted instead. */
  #isHeavy = false;
  #isWeighing = false;

  constructor(
    private readonly doc: Document,
    private readonly finder: PageNumberFinder,
    private readonly links: NumberLinks,
    private readonly scheduler: SliceScheduler = idleSliceScheduler,
    /** Where the numbers of a heavy page go; null where the browser cannot draw highlights (links everywhere). */
    private readonly highlights: NumberHighlights | null = null,
  ) {
    this.#observer = new MutationObserver((records) => this.#enqueueRecords(records));
  }

  /**
   * Links the numbers on screen now, then the rest of the page in the background; the numbers scrolled into view
   * meanwhile are linked first too.
   */
  start(): void {
    const root = this.doc.body ?? this.doc.documentElement;
    this.#observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.#linkOnScreen();
    this.#enqueue(root);
    this.doc.defaultView?.addEventListener('scroll', this.#onScroll, { passive: true, capture: true });
  }

  stop(): void {
    this.#isStopped = true;
    this.doc.defaultView?.removeEventListener('scroll', this.#onScroll, { capture: true });
    clearTimeout(this.#scrollTimer);
    this.#observer.disconnect();
    this.#queue.length = 0;
    this.#pendingLinks.length = 0;
    this.#pendingByText.clear();
    this.#runs.finish();
    this.#walker = null;
    this.#resolveIdleWaiters();
    this.highlights?.clear();
  }

  /** Whether the numbers read are now kept and highlighted rather than written as links (for tests and the benchmark). */
  get isHeavy(): boolean {
    return this.#isHeavy;
  }

  /** Resolves once everything queued so far is linked (for tests and the benchmark). */
  whenIdle(): Promise<void> {
    if (!this.#hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * While the page is still being linked, what a scroll brings on screen goes first (once the scrolling pauses); on a
   * heavy page, the highlights follow the screen.
   */
  readonly #onScroll = (): void => {
    if (this.#isStopped || (!this.#isHeavy && !this.#hasWork())) return;
    clearTimeout(this.#scrollTimer);
    this.#scrollTimer = setTimeout(() => this.#linkOnScreen(), SCROLL_PAUSE_MS);
  };

  /**
   * Reads and writes at once, in one task of at most `ON_SCREEN_SLICE_MS` or so, the blocks of text on screen: their
   * numbers are links before the background pass gets anywhere near them. What it has no time for stays first in line.
   */
  #linkOnScreen(attempt = 1): void {
    if (this.#isStopped) return;
    const blocks = this.#blocksOnScreen();
    if (blocks.length === 0) return;
    this.#enqueueRecords(this.#observer.takeRecords());
    const walker = this.#walker;
    const waiting = this.#queue.splice(0);
    this.#walker = null;
    this.#finishRun();
    this.#queue.push(...blocks);
    this.#read(performance.now() + ON_SCREEN_SLICE_MS, Infinity);
    this.#finishRun();
    const isCut = this.#hasReadingWork();
    const unread = this.#queue.splice(0);
    this.#queue.push(...unread, ...waiting);
    this.#walker = walker;
    if (this.#isHeavy) this.#keepPending(blocks);
    else this.#writeLinksIn(blocks, performance.now() + ON_SCREEN_SLICE_MS);
    this.#observer.takeRecords();
    // Out of time (a slow machine, the first reading of all): the rest of the screen in the next task, not the
    // background pass's next batch.
    if (isCut && attempt < ON_SCREEN_ATTEMPTS) setTimeout(() => this.#linkOnScreen(attempt + 1), 0);
    if (this.#hasWork()) this.#schedule();
  }

  /** The blocks of text on screen that are ours to read. */
  #blocksOnScreen(): Element[] {
    const root = this.doc.body ?? this.doc.documentElement;
    try {
      return blocksOnScreen(root, (element) => INLINE_TAGS.has(element.localName)).filter((block) =>
        this.#isScannable(block),
      );
    } catch {
      return [];
    }
  }

  #enqueueRecords(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') {
        this.#queueIfScannable(record.target);
        continue;
      }
      for (const node of Array.from(record.addedNodes)) this.#queueIfScannable(node);
    }
  }

  #queueIfScannable(node: Node): void {
    if (node.nodeType !== TEXT_NODE && node.nodeType !== ELEMENT_NODE) return;
    if (this.#isScannable(node)) this.#enqueue(node);
  }

  /** Not inside an editor, a code block or one of our links: ours to read. */
  #isScannable(node: Node): boolean {
    for (let parent = node.parentNode; parent !== null && parent !== this.doc; parent = parent.parentNode) {
      if (parent instanceof Element && this.#isClosed(parent)) return false;
    }
    return true;
  }

  #enqueue(node: Node): void {
    if (this.#isStopped) return;
    this.#queue.push(node);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#isScheduled) return;
    this.#isScheduled = true;
    this.scheduler((budget) => {
      this.#isScheduled = false;
      this.#runSlice(budget);
    });
  }

  #runSlice(budgetMs: number): void {
    if (this.#isStopped) return;
    const deadline = performance.now() + budgetMs;
    // Records of the page's own changes are handled first; what we change below is then dropped, not re-scanned.
    this.#enqueueRecords(this.#observer.takeRecords());
    const isBatchReady =
      this.#pendingLinks.length >= WRITE_BATCH || (!this.#hasReadingWork() && this.#pendingLinks.length > 0);
    if (isBatchReady && !this.#isWeighing) {
      this.#finishRun();
      if (this.#isHeavy) this.#keepPending();
      else this.#writeLinks(performance.now() + Math.max(budgetMs, WRITE_SLICE_MS));
    } else {
      // While the last writes are being weighed, reading goes on: the next batch may not be written at all.
      this.#read(deadline, this.#isWeighing ? Infinity : WRITE_BATCH);
    }
    this.#observer.takeRecords();
    // Nothing left but writes waiting for the weighing: it schedules the next slice itself.
    if (this.#isWeighing && !this.#hasReadingWork()) return;
    if (this.#hasWork()) this.#schedule();
    else this.#resolveIdleWaiters();
  }

  #read(deadline: number, batch = WRITE_BATCH): void {
    let visited = 0;
    while (this.#hasReadingWork() && this.#pendingLinks.length < batch) {
      if (++visited % 32 === 0 && performance.now() > deadline) break;
      if (this.#walker === null) {
        const node = this.#queue.shift();
        if (node === undefined || !node.isConnected) continue;
        this.#finishRun();
        if (node.nodeType === TEXT_NODE) {
          this.#scanText(node as Text);
          continue;
        }
        if (node.nodeType === ELEMENT_NODE && this.#isClosed(node as Element)) {
          this.#adoptIfPageLink(node as Element);
          continue;
        }
        this.#walker = this.doc.createTreeWalker(node, SHOW_ELEMENT | SHOW_TEXT, {
          acceptNode: (candidate) => this.#accept(candidate),
        });
      }
      // Step past a text node before replacing it, so the walker never stands on a detached node.
      const current = this.#walker.currentNode.nodeType === TEXT_NODE ? this.#walker.currentNode : null;
      const next = this.#walker.nextNode();
      if (current !== null) {
        this.#scanText(current as Text);
        this.#followRun(current as Text);
      }
      if (next === null) {
        this.#walker = null;
        this.#finishRun();
      }
    }
  }

  #followRun(text: Text): void {
    if (!text.isConnected) return;
    const run = this.#runs.follow(text);
    if (run !== null) this.#readRun(run);
  }

  #finishRun(): void {
    const run = this.#runs.finish();
    if (run !== null) this.#readRun(run);
  }

  /**
   * Reads a run of text nodes side by side as one text, and keeps the numbers that cross from one node into another:
   * each node gets a link for its part. A number found in one node alone stays as it was unless the crossing number
   * contains it (`<b>01</b> 234 5678`: "234 5678" alone is a shorter number); one that overlaps it otherwise loses.
   */
  #readRun(run: InlineRun): void {
    try {
      const joined = run.datas.join('');
      if (joined.length < MIN_TEXT_LENGTH) return;
      for (const number of this.finder.find(joined)) {
        const pieces = piecesOf(run, number.start, number.end);
        if (pieces.length === 0) continue;
        const isBlocked = pieces.some(({ node, start, end }) =>
          (this.#pendingByText.get(node)?.found ?? []).some(
            (other) => other.start < end && start < other.end && (other.start < start || other.end > end),
          ),
        );
        if (isBlocked || pieces.some(({ node, data }) => node.data !== data)) continue;
        const whole = {};
        for (const { node, data, start, end } of pieces) {
          const pending = this.#pendingFor(node, data);
          const kept = pending.found.filter((other) => other.end <= start || other.start >= end);
          kept.push({ start, end, e164: number.e164, extension: number.extension, whole });
          kept.sort((a, b) => a.start - b.start);
          pending.found = kept;
        }
      }
    } catch {
      // The page changed the nodes under us in a way we did not foresee: leave that text as it is.
    }
  }

  /** The pending links of a text node, made (empty) if it has none yet. */
  #pendingFor(text: Text, data: string): PendingLinks {
    let pending = this.#pendingByText.get(text);
    if (pending !== undefined && pending.data !== data) {
      // Read again since: what was found in the old text no longer applies.
      pending.data = data;
      pending.found = [];
    }
    if (pending === undefined) {
      pending = { text, data, found: [] };
      this.#pendingByText.set(text, pending);
      this.#pendingLinks.push(pending);
    }
    return pending;
  }

  /** Writes the pending links inside `blocks` now, wherever they stood in line (the background pass read some). */
  #writeLinksIn(blocks: readonly Element[], deadline: number): void {
    const inBlocks = new Set<PendingLinks>();
    for (const text of this.#textsIn(blocks)) {
      const pending = this.#pendingByText.get(text);
      if (pending !== undefined) inBlocks.add(pending);
    }
    if (inBlocks.size === 0) return;
    const others = this.#pendingLinks.filter((pending) => !inBlocks.has(pending));
    this.#pendingLinks.length = 0;
    this.#pendingLinks.push(...inBlocks, ...others);
    this.#writeLinks(deadline, inBlocks.size);
  }

  /** Writes pending links, oldest first, until `deadline` — but at least the first `atLeast` of them. */
  #writeLinks(deadline: number, atLeast = 0): void {
    let written = 0;
    while (this.#pendingLinks.length > 0) {
      if (++written % 8 === 0 && written > atLeast && performance.now() > deadline) break;
      const pending = this.#pendingLinks.shift();
      if (pending === undefined) break;
      this.#pendingByText.delete(pending.text);
      try {
        this.#write(pending);
      } catch {
        // The page changed the node under us in a way we did not foresee: leave that text as it is.
      }
    }
    if (written > 0) this.#weighLayout();
  }

  /**
   * On a page of many elements, times the frame that follows our writes (the browser's style, layout and paint of
   * them): one over a long task's 50 ms makes the page heavy, and nothing more is written into it.
   */
  #weighLayout(): void {
    const view = this.doc.defaultView;
    if (this.highlights === null || view === null || this.#isHeavy || this.#isWeighing) return;
    if (this.doc.getElementsByTagName('*').length < HEAVY_PAGE_ELEMENTS) return;
    this.#isWeighing = true;
    let frameStart: number | null = null;
    const weighed = (isHeavy: boolean) => {
      this.#isWeighing = false;
      this.#isHeavy = isHeavy;
      if (!this.#isStopped && this.#hasWork()) this.#schedule();
    };
    // A tab in the background draws no frames (and lays nothing out): its writes are not weighed.
    const notDrawn = setTimeout(() => frameStart === null && weighed(false), WEIGHING_TIMEOUT_MS);
    view.requestAnimationFrame(() => {
      frameStart = performance.now();
      setTimeout(() => {
        clearTimeout(notDrawn);
        weighed(performance.now() - (frameStart ?? 0) > HEAVY_FRAME_MS);
      }, 0);
    });
  }

  /**
   * A heavy page: every pending number is kept rather than written, and those in `blocks` (on screen now; found
   * here when not given) are drawn.
   */
  #keepPending(blocks: readonly Element[] | null = null): void {
    const highlights = this.highlights;
    if (highlights === null) return;
    for (const { text, data, found } of this.#pendingLinks.splice(0)) {
      this.#pendingByText.delete(text);
      highlights.keep(
        text,
        data,
        found.map(({ start, end, e164, extension, whole }): KeptNumber => ({
          start,
          end,
          number: { dial: e164, extension, text: data.slice(start, end), whole: whole ?? {}, href: null },
        })),
      );
    }
    highlights.show(this.#textsIn(blocks ?? this.#blocksOnScreen()));
  }

  /** The text nodes inside `blocks`, in document order. */
  #textsIn(blocks: readonly Element[]): Text[] {
    const texts: Text[] = [];
    for (const block of blocks) {
      const walker = this.doc.createTreeWalker(block, SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node as Text);
    }
    return texts;
  }

  #write({ text, data, found }: PendingLinks): void {
    if (!text.isConnected || found.length === 0) return;
    // Changed by the page since it was read: read again.
    if (text.data !== data) {
      this.#queue.push(text);
      return;
    }
    const fragment = this.doc.createDocumentFragment();
    let last = 0;
    for (const number of found) {
      if (number.start > last) fragment.append(data.slice(last, number.start));
      fragment.append(this.links.create(data.slice(number.start, number.end), number, number.whole));
      last = number.end;
    }
    if (last < data.length) fragment.append(data.slice(last));
    text.replaceWith(fragment);
  }

  #hasReadingWork(): boolean {
    return this.#walker !== null || this.#queue.length > 0;
  }

  #hasWork(): boolean {
    return this.#hasReadingWork() || this.#pendingLinks.length > 0;
  }

  #resolveIdleWaiters(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #accept(node: Node): number {
    // Short texts too: they can be part of a number split over elements.
    if (node.nodeType === TEXT_NODE) return FILTER_ACCEPT;
    if (!this.#isClosed(node as Element)) return FILTER_SKIP;
    this.#adoptIfPageLink(node as Element);
    return FILTER_REJECT;
  }

  /** A page's own `tel:`, `callto:` or `sip:` link to a valid number or a SIP address gets our card and call path. */
  #adoptIfPageLink(element: Element): void {
    if (element.localName !== 'a' || this.links.isOurs(element)) return;
    const href = element.getAttribute('href');
    if (href === null || !CALLING_SCHEME.test(href)) return;
    const written = telephoneNumberOf(href);
    const dial = written === null ? sipAddressOf(href) : this.finder.numberOf(written);
    if (dial !== null) this.links.adopt(element as HTMLAnchorElement, dial);
  }

  /** Elements whose text we never touch: forms, editors, code, scripts, existing links, and our own links. */
  #isClosed(element: Element): boolean {
    if (CLOSED_TAGS.has(element.localName)) return true;
    if (element.localName === 'a' && element.hasAttribute('href')) return true;
    const editable = element.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return true;
    return this.links.isOurs(element);
  }

  #scanText(text: Text): void {
    try {
      this.#linkNumbersIn(text);
    } catch {
      // The page changed the node under us in a way we did not foresee: leave that text as it is, go on with the rest.
    }
  }

  #linkNumbersIn(text: Text): void {
    if (!text.isConnected) return;
    let data = text.data;
    if (data.length < MIN_TEXT_LENGTH || this.#nothingIn.get(text) === data) return;
    if (data.length > MAX_TEXT_CHUNK) {
      // One giant text node (a log, a CSV dump) is read in pieces, one per turn, cut where no number can be.
      const cut = safeCutIndex(data, MAX_TEXT_CHUNK);
      if (cut > 0 && cut < data.length) {
        this.#queue.unshift(text.splitText(cut));
        data = text.data;
      }
    }
    const found = this.finder.find(data);
    if (found.length === 0) {
      this.#nothingIn.set(text, data);
      return;
    }
    this.#pendingFor(text, data).found = found;
  }
}

/** Numbers found in a text node (or the node's part of a number split over nodes), to be linked in the next batch. */
interface PendingLinks {
  readonly text: Text;
  data: string;
  found: readonly PendingNumber[];
}

/** A number to link in one text node; the parts of one number written over several nodes share `whole`. */
type PendingNumber = FoundNumber & { readonly whole?: object };

/** Runs `slice` soon, with the milliseconds it may take. */
export type SliceScheduler = (slice: (budgetMs: number) => void) => void;

const SLICE_MS = 8;
/**
 * Text nodes with numbers gathered before they are written in one go. Every batch written costs the page a layout,
 * which on a table of thousands of rows takes longer than all our work (~0.5 s on a 5 MB table): few, full batches.
 */
const WRITE_BATCH = 2_500;
/** A batch of writes may take this long: under the 50 ms of a long task, with room for a collection of garbage. */
const WRITE_SLICE_MS = 35;
/** Reading, then writing, what is on screen, in the task that starts the scanner or follows a scroll. */
const ON_SCREEN_SLICE_MS = 20;
/** Tasks the screen may take when one is not enough. */
const ON_SCREEN_ATTEMPTS = 4;
/** A scroll's pause before what it brought on screen is linked first. */
const SCROLL_PAUSE_MS = 100;
/** Below this many elements no page's layout is long enough to stop writing links (a 10,000-row table: 40,000). */
const HEAVY_PAGE_ELEMENTS = 60_000;
/** A frame after our writes longer than a long task: the page is heavy. */
const HEAVY_FRAME_MS = 50;
/** A frame not drawn by then is not coming soon (the tab is in the background). */
const WEIGHING_TIMEOUT_MS = 1_000;
interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<unknown>;
}

/**
 * Slices of 8 ms as background-priority tasks (`scheduler.postTask`): they run whenever the page has nothing more
 * urgent, without the long waits between idle callbacks. Idle callbacks where there is no task scheduler.
 */
export const idleSliceScheduler: SliceScheduler = (slice) => {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler !== undefined && typeof scheduler.postTask === 'function') {
    void scheduler.postTask(() => slice(SLICE_MS), { priority: 'background' });
  } else if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(
      (deadline) => slice(deadline.didTimeout ? SLICE_MS : Math.max(2, Math.min(SLICE_MS, deadline.timeRemaining()))),
      {
        timeout: 100,
      },
    );
  } else {
    setTimeout(() => slice(SLICE_MS), 0);
  }
};

const CALLING_SCHEME = /^\s*(?:tel|callto|sips?):/i;
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
const FILTER_SKIP = 3;
/** The shortest text that can hold a number (six digits: Luxembourg's shortest, as the page finder reads them). */
const MIN_TEXT_LENGTH = 6;
const MAX_TEXT_CHUNK = 20_000;

/** Elements that sit inside a line of text: a number may run through them. */
const INLINE_TAGS = new Set(
  'span b strong i em u small big font abbr acronym sup sub mark label cite q s strike del ins bdi bdo dfn time data nobr tt a'.split(
    ' ',
  ),
);

const CLOSED_TAGS = new Set(
  'script style noscript template textarea input select option button code pre kbd samp var svg math iframe object embed canvas video audio title head'.split(
    ' ',
  ),
);

/** An index near `from` where a text can be cut without cutting a number: a line break, else a letter. */
function safeCutIndex(data: string, from: number): number {
  const lineBreak = data.indexOf('\n', from);
  if (lineBreak !== -1 && lineBreak < from + 2_000) return lineBreak;
  for (let index = from; index < Math.min(data.length, from + 2_000); index++) {
    if (/[^\d\s+().\/\-\u00a0\u2007\u2009\u202f\u2010\u2011\u2013]/.test(data.charAt(index))) return index;
  }
  return lineBreak;
}
