/**
 * The blocks of text the user can see now: what the scanner links first, so the numbers on screen are links at once
 * however long the page is. A guide for order only — the whole page is scanned after — so it may be wrong on odd
 * layouts (positioned or reordered content) and costs little: a binary search down to the first element on screen,
 * then document order until the boxes pass the bottom of the window.
 */

/** At most this many text nodes are looked at: a window of text, not a page. */
const MAX_TEXTS = 4_000;
const TEXT_NODE = 3;

/**
 * The nearest non-inline ancestors of the text nodes on screen under `root`, in document order, each once. `isInline`
 * says which elements sit inside a line (a number can run through them, so their block is read whole).
 */
export function blocksOnScreen(root: Element, isInline: (element: Element) => boolean): Element[] {
  const view = root.ownerDocument.defaultView;
  const bottom = view?.innerHeight ?? 0;
  if (bottom <= 0) return [];
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  walker.currentNode = firstElementOnScreen(root);
  const blocks = new Set<Element>();
  const boxes = new Map<Element, DOMRect>();
  for (let node = walker.nextNode(), seen = 0; node !== null && seen < MAX_TEXTS; node = walker.nextNode(), seen++) {
    if (node.nodeType !== TEXT_NODE || (node as Text).data.trim() === '') continue;
    const parent = node.parentElement;
    if (parent === null) continue;
    let box = boxes.get(parent);
    if (box === undefined) {
      box = parent.getBoundingClientRect();
      boxes.set(parent, box);
    }
    if (box.height === 0 && box.width === 0) continue;
    if (box.top >= bottom) break;
    if (box.bottom <= 0) continue;
    let block: Element = parent;
    while (isInline(block) && block.parentElement !== null && block !== root) block = block.parentElement;
    blocks.add(block);
  }
  return [...blocks];
}

/**
 * Walking down from `root`, the first element whose box reaches into the window: among each element's children (laid
 * out top to bottom, as most pages are), a binary search for the first not wholly above it, until one starts on
 * screen or has no children.
 */
function firstElementOnScreen(root: Element): Element {
  let element = root;
  for (let depth = 0; depth < 64; depth++) {
    const children = element.children;
    let low = 0;
    let high = children.length - 1;
    let found: Element | null = null;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const child = children[middle] as Element;
      if (child.getBoundingClientRect().bottom > 0) {
        found = child;
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    if (found === null || found.getBoundingClientRect().top >= 0) return found ?? element;
    element = found;
  }
  return element;
}
