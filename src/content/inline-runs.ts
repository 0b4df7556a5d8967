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
    while (pieceStart < pieceEnd && isSpace(data.charCodeAt(pieceStart))) pieceStart++;
    while (pieceEnd > pieceStart && isSpace(data.charCodeAt(pieceEnd - 1))) pieceEnd--;
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
/** How far from a node's edge a number's last digit may be (separators, a bracket): `+33 `, `(0)`, `01-`. */
const EDGE = 4;

/** Whether the text ends as a number that goes on would: a digit, `+` or `(` with at most a few separators after. */
function endsLikeNumber(data: string): boolean {
  for (let index = data.length - 1; index >= Math.max(0, data.length - EDGE); index--) {
    const code = data.charCodeAt(index);
    if (isDigit(code) || code === 43 /* + */ || code === 40 /* ( */) return true;
    if (!isSeparator(code)) return false;
  }
  return false;
}

/** Whether the text starts as the rest of a number would: a digit or `(` after at most a few separators. */
function startsLikeNumber(data: string): boolean {
  for (let index = 0; index < Math.min(data.length, EDGE); index++) {
    const code = data.charCodeAt(index);
    if (isDigit(code) || code === 40 /* ( */) return true;
    if (!isSeparator(code)) return false;
  }
  return false;
}

function onlySeparators(data: string): boolean {
  if (data.length > EDGE) return false;
  for (let index = 0; index < data.length; index++) if (!isSeparator(data.charCodeAt(index))) return false;
  return true;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) =>
  code === 32 || code === 0xa0 || code === 0x2007 || code === 0x2009 || code === 0x202f || code === 10 || code === 9;
/** Spaces, dots, hyphens, dashes, slashes and brackets: what sits between the groups of a written number. */
const isSeparator = (code: number) =>
  isSpace(code) ||
  code === 46 ||
  code === 45 ||
  code === 47 ||
  code === 41 ||
  code === 40 ||
  code === 0x2010 ||
  code === 0x2011 ||
  code === 0x2013;
