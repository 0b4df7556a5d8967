import type { LinkedNumber } from './number-links.ts';

/** The name of our highlight; `content.css` draws it (`::highlight(switchboard-number)`). */
export const HIGHLIGHT_NAME = 'switchboard-number';

/** A number read in a text node and kept there, not written: its place in the text, and what it stands for. */
export interface KeptNumber {
  readonly start: number;
  readonly end: number;
  readonly number: LinkedNumber;
}

/** A number under the pointer, with its box. */
export interface NumberUnderPointer {
  readonly kept: KeptNumber;
  readonly box: DOMRect;
}

/**
 * The numbers of a page too heavy to write links into: on a table of thousands of rows every write makes the browser
 * lay out the whole table again (half a second on a 5 MB page), so past the first screen the numbers read are kept
 * here, in our own world, and the ones on screen are drawn with the CSS Custom Highlight API — paint only, the page's
 * layout untouched — and found under the pointer by hit-testing the text.
 *
 * Only what is on screen goes into the highlight: the browser checks every range of a highlight again after any change
 * to the page (over a second a change for 60,000 ranges, measured), so it holds a screenful, set again as the page
 * scrolls. The ranges are static (a live range costs every change to the page too); what they point at is checked
 * against the text as read before a number is drawn, shown in a card or dialled.
 */
export class NumberHighlights {
  readonly #kept = new WeakMap<Text, { readonly data: string; readonly numbers: readonly KeptNumber[] }>();
  readonly #shown = new Set<Text>();
  readonly #highlight = new Highlight();
  #keptCount = 0;

  constructor(private readonly doc: Document) {}

  /** The browser draws custom highlights (Chrome 105, Firefox 140): else every number is written as a link. */
  static isSupported(view: Window | null): boolean {
    // Typed as always there; older browsers have neither.
    const global = view as unknown as { Highlight?: unknown; CSS?: object } | null;
    return typeof global?.Highlight === 'function' && global.CSS !== undefined && 'highlights' in global.CSS;
  }

  /** Whether any number is drawn now: on every other page, clicks and pointer moves are not hit-tested. */
  get isDrawing(): boolean {
    return this.#shown.size > 0;
  }

  /** How many numbers are kept (for the benchmark). */
  get keptCount(): number {
    return this.#keptCount;
  }

  /** Keeps the numbers read in `text` while it said `data`, in place of those kept there before. */
  keep(text: Text, data: string, numbers: readonly KeptNumber[]): void {
    this.#keptCount += numbers.length - (this.#kept.get(text)?.numbers.length ?? 0);
    this.#kept.set(text, { data, numbers });
  }

  /** Draws the kept numbers of `texts` (those on screen), and no others. */
  show(texts: Iterable<Text>): void {
    this.#highlight.clear();
    this.#shown.clear();
    for (const text of texts) {
      const kept = this.#kept.get(text);
      if (kept === undefined || !text.isConnected || text.data !== kept.data) continue;
      this.#shown.add(text);
      for (const { start, end } of kept.numbers) {
        this.#highlight.add(
          new StaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end }),
        );
      }
    }
    // Set again each time: a page that cleared the registry gets ours back.
    CSS.highlights.set(HIGHLIGHT_NAME, this.#highlight);
  }

  /**
   * The drawn number under the point `(x, y)` of the window, if the text is still as read and nothing is drawn over
   * it (a click that reaches it through an overlay is refused, as for links).
   */
  numberAt(x: number, y: number): NumberUnderPointer | null {
    if (!this.isDrawing) return null;
    const caret = this.#caretAt(x, y);
    if (caret === null || !(caret.node instanceof Text) || !this.#shown.has(caret.node)) return null;
    const text = caret.node;
    const kept = this.#kept.get(text);
    if (kept === undefined || text.data !== kept.data) return null;
    const number = kept.numbers.find(({ start, end }) => start <= caret.offset && caret.offset <= end);
    if (number === undefined) return null;
    const range = this.doc.createRange();
    range.setStart(text, number.start);
    range.setEnd(text, number.end);
    const box = Array.from(range.getClientRects()).find(
      (rect) => x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom,
    );
    const hit = this.doc.elementFromPoint(x, y);
    if (box === undefined || hit === null || !hit.contains(text)) return null;
    return { kept: number, box };
  }

  /** Whether `kept` is still drawn, on a text as read (the page may have changed it since the card opened). */
  isShown(kept: KeptNumber): boolean {
    for (const text of this.#shown) {
      const entry = this.#kept.get(text);
      if (entry?.numbers.includes(kept)) return text.isConnected && text.data === entry.data;
    }
    return false;
  }

  /** Draws no number any more and takes our highlight out of the page (the scanner stopped: the site is off). */
  clear(): void {
    this.show([]);
    CSS.highlights.delete(HIGHLIGHT_NAME);
  }

  #caretAt(x: number, y: number): { node: Node; offset: number } | null {
    const doc = this.doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
    if (typeof doc.caretPositionFromPoint === 'function') {
      const position = doc.caretPositionFromPoint(x, y);
      return position === null ? null : { node: position.offsetNode, offset: position.offset };
    }
    const range = doc.caretRangeFromPoint?.(x, y) ?? null;
    return range === null ? null : { node: range.startContainer, offset: range.startOffset };
  }
}
