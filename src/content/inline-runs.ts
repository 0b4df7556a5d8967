/**
 * Numbers a page splits over inline elements: `<b>01</b> 42 68 53 00`, `+33 <span>1</span> 42…`, a CRM formatter
 * that puts each group of digits in its own `<span>`. The scanner reads text nodes one by one; this follows the text
 * nodes it reads, in reading order, and hands back a run of them when two sit side by side inside the same line of
 * text (only inline elements between them) and the first ends the way a number continues and the next starts the way
 * a number goes on. The scanner then reads the run's text as one string and maps what it finds back to the nodes, so
 * the page's elements stay as they are (each part gets its own link).
 */
export class InlineRuns {
  #nodes: Text[] = [];
  #datas: string[] = [];
  /** Two of the nodes meet where a number could go on: the run is worth reading as one text. */
  #isJoined = false;

  constructor(private readonly isOpenInline: (element: Element) => boolean) {}

  /**
   * The next text node in reading order. Returns the run this node ends (when there is one worth reading), else null.
   */
  follow(text: Text): InlineRun | null {
    const data = text.data;
    const last = this.#nodes.at(-1);
    if (last !== undefined && this.#nodes.length < MAX_NODES && nextInlineText(last, this.isOpenInline) === text) {
      const isSeparatorsOnly = onlySeparators(data);
      if (isSeparatorsOnly || startsLikeNumber(data)) {
        this.#nodes.push(text);
        this.#datas.push(data);
        if (!isSeparatorsOnly) this.#isJoined = true;
        return isSeparatorsOnly || endsLikeNumber(data) ? null : this.finish();
      }
    }
    const finished = this.finish();
    if (endsLikeNumber(data)) {
      this.#nodes = [text];
      this.#datas = [data];
    }
    return finished;
  }

  /** Ends the current run (the reading moves elsewhere); returns it if it is worth reading. */
  finish(): InlineRun | null {
    const run = this.#isJoined ? { nodes: this.#nodes, datas: this.#datas } : null;
    this.#nodes = [];
    this.#datas = [];
    this.#isJoined = false;
    return run;
  }
}

/** Text nodes read side by side, with what each said when read. */
export interface InlineRun {
  readonly nodes: readonly Text[];
  readonly datas: readonly string[];
}

/** A number's part in one node of a run: node-relative offsets. */
export interface RunPiece {
  readonly node: Text;
  /** What the node said when read. */
  readonly data: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The parts of `[start, end)` of the run's joined text in each node, without the spaces at their edges; empty when
 * the range lies within one node (the single-node reading found it, or rightly did not).
 */
export function piecesOf(run: InlineRun, start: number, end: number): RunPiece[] {
  const pieces: RunPiece[] = [];
  let offset = 0;
  for (let index = 0; index < run.nodes.length; index++) {
    const data = run.datas[index] ?? '';
    const node = run.nodes[index];
    const from = Math.max(start, offset) - offset;
    const to = Math.min(end, offset + data.length) - offset;
    offset += data.length;
    if (node === undefined || from >= to) continue;
    let pieceStart = from;
    let pieceEnd = to;
    while (pieceStart < pieceEnd && SPACE.test(data.charAt(pieceStart))) pieceStart++;
    while (pieceEnd > pieceStart && SPACE.test(data.charAt(pieceEnd - 1))) pieceEnd--;
    if (pieceStart < pieceEnd) pieces.push({ node, data, start: pieceStart, end: pieceEnd });
  }
  return pieces.length >= 2 ? pieces : [];
}

/**
 * The text node that comes right after `text` in reading order when only inline elements stand between them; null
 * at the edge of a block, a line break, or an element the scanner leaves alone.
 */
function nextInlineText(text: Text, isOpenInline: (element: Element) => boolean): Text | null {
  let node: Node = text;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    // Up, out of the inline elements this node ends.
    for (let next = node.nextSibling; next === null; next = node.nextSibling) {
      const parent: Node | null = node.parentNode;
      if (parent === null || parent.nodeType !== ELEMENT_NODE || !isOpenInline(parent as Element)) return null;
      node = parent;
    }
    node = node.nextSibling as Node;
    // Down, into the inline elements the next node starts.
    for (;;) {
      if (node.nodeType === TEXT_NODE) return node as Text;
      // A comment, or an empty element: stepped over.
      if (node.nodeType !== ELEMENT_NODE) break;
      if (!isOpenInline(node as Element)) return null;
      const first: Node | null = node.firstChild;
      if (first === null) break;
      node = first;
    }
  }
  return null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
/** A number is never spread over more text nodes than this. */
const MAX_NODES = 16;
const MAX_STEPS = 16;
/** Spaces, dots, hyphens, dashes, slashes and brackets: what sits between the groups of a written number. */
const SEPARATOR = '[\\s\\u00a0\\u2007\\u2009\\u202f.\\-\\u2010\\u2011\\u2013/()]';
/** Ends as a number that goes on would: a digit, `+` or `(`, then at most a few separators (`+33 `, `01-`). */
const ENDS_LIKE_NUMBER = new RegExp(`[\\d+(]${SEPARATOR}{0,3}$`);
/** Starts as the rest of a number would: a digit or `(` after at most a few separators. */
const STARTS_LIKE_NUMBER = new RegExp(`^${SEPARATOR}{0,3}[\\d(]`);
const ONLY_SEPARATORS = new RegExp(`^${SEPARATOR}{0,4}$`);
const SPACE = /\s/;

/** Only the text's last characters are looked at: a long text costs no more than a short one. */
const endsLikeNumber = (data: string) => ENDS_LIKE_NUMBER.test(data.slice(-4));
const startsLikeNumber = (data: string) => STARTS_LIKE_NUMBER.test(data.slice(0, 4));
const onlySeparators = (data: string) => data.length <= 4 && ONLY_SEPARATORS.test(data);
