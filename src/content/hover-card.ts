import { isVisible, type PageDialRequest } from './activation.ts';
import { message } from './extension-runtime.ts';
import type { NumberHighlights } from './number-highlights.ts';
import type { LinkedNumber, NumberLinks } from './number-links.ts';
import CARD_STYLE from './hover-card.css?raw';

const SHOW_DELAY_MS = 400;
const HIDE_DELAY_MS = 300;

/** What a card is shown for: one of our links, or a highlighted number. */
interface CardTarget {
  /** The link, or the kept number: the same target hovered again keeps its card. */
  readonly key: object;
  readonly number: LinkedNumber;
  readonly box: () => DOMRect;
  /** Still as it was when found (the page may change it while the card is open). */
  readonly isIntact: () => boolean;
}

/**
 * The card shown over a number after a short hover (or when it has keyboard focus): the number, Call, Copy. It lives
 * in a closed shadow root, so the page can neither style it nor reach into it. Over a highlighted number (a heavy
 * page's), the pointer resting on it for as long shows the card.
 */
export function showHoverCards(
  doc: Document,
  links: NumberLinks,
  dial: (request: PageDialRequest) => void,
  highlights: NumberHighlights | null = null,
): () => void {
  const host = doc.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CARD_STYLE;
  const card = doc.createElement('div');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  const numberLine = doc.createElement('div');
  numberLine.className = 'number';
  const actions = doc.createElement('div');
  actions.className = 'actions';
  const callButton = button(doc, 'call', message('content_card_call'));
  const copyButton = button(doc, 'copy', message('content_card_copy'));
  actions.append(callButton, copyButton);
  card.append(numberLine, actions);
  root.append(style, card);

  let shown: CardTarget | null = null;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const linkTarget = (target: EventTarget | null): CardTarget | null => {
    const ours = links.intactLinkAt(target);
    if (ours === null) return null;
    const { link, number } = ours;
    return {
      key: link,
      number,
      box: () => link.getBoundingClientRect(),
      isIntact: () => links.intactLinkAt(link) !== null,
    };
  };

  const hide = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = undefined;
    shown = null;
    host.remove();
  };
  const show = (target: CardTarget) => {
    shown = target;
    numberLine.textContent =
      target.number.extension === null ? target.number.dial : `${target.number.dial} · ${target.number.extension}`;
    card.setAttribute('aria-label', message('content_call_number', [target.number.dial]));
    callButton.disabled = false;
    copyButton.textContent = message('content_card_copy');
    const rect = target.box();
    const top =
      rect.bottom + 6 + 90 < (doc.defaultView?.innerHeight ?? 0) ? rect.bottom + 6 : Math.max(0, rect.top - 96);
    card.style.top = `${Math.round(top)}px`;
    card.style.left = `${Math.round(Math.max(4, rect.left))}px`;
    (doc.body ?? doc.documentElement).append(host);
  };
  const scheduleShow = (event: Event) => {
    const target = linkTarget(event.target);
    if (target === null) return;
    clearTimeout(hideTimer);
    if (shown?.key === target.key) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(() => show(target), SHOW_DELAY_MS);
  };
  // Highlighted numbers have no element to enter or leave: the pointer's rests and moves are read instead.
  let restTimer: ReturnType<typeof setTimeout> | undefined;
  const onPointerMove = (event: MouseEvent) => {
    if (highlights === null || !highlights.isDrawing || event.target === host) return;
    const { clientX: x, clientY: y } = event;
    // A highlighted number's card goes when the pointer leaves the number (a link's, on the link's mouseout).
    if (shown !== null && !(shown.key instanceof Element)) {
      const box = shown.box();
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) {
        clearTimeout(hideTimer);
        hideTimer = undefined;
      } else if (hideTimer === undefined) {
        hideTimer = setTimeout(hide, HIDE_DELAY_MS);
      }
    }
    clearTimeout(restTimer);
    restTimer = setTimeout(() => {
      const found = highlights.numberAt(x, y);
      if (found === null || shown?.key === found.kept) return;
      const { kept, box } = found;
      show({ key: kept, number: kept.number, box: () => box, isIntact: () => highlights.isShown(kept) });
    }, SHOW_DELAY_MS);
  };
  const scheduleHide = (event: Event) => {
    if (linkTarget(event.target) === null) return;
    clearTimeout(showTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY_MS);
  };

  callButton.addEventListener('click', (event) => {
    if (!event.isTrusted || shown === null || !shown.isIntact() || !isVisible(card)) return;
    callButton.disabled = true;
    dial({ number: shown.number.dial, extension: shown.number.extension, source: 'hover-card' });
  });
  copyButton.addEventListener('click', (event) => {
    if (!event.isTrusted || shown === null) return;
    const copied = shown.number.dial;
    navigator.clipboard.writeText(copied).then(
      () => (copyButton.textContent = message('content_card_copied')),
      () => (copyButton.textContent = message('content_card_copy_failed')),
    );
  });
  card.addEventListener('mouseenter', () => clearTimeout(hideTimer));
  card.addEventListener('mouseleave', () => (hideTimer = setTimeout(hide, HIDE_DELAY_MS)));
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && shown !== null) hide();
  };

  doc.addEventListener('mouseover', scheduleShow, true);
  doc.addEventListener('mouseout', scheduleHide, true);
  doc.addEventListener('focusin', scheduleShow, true);
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('mousemove', onPointerMove, { passive: true, capture: true });
  doc.defaultView?.addEventListener('scroll', hide, { passive: true, capture: true });
  return () => {
    hide();
    clearTimeout(restTimer);
    doc.removeEventListener('mousemove', onPointerMove, { capture: true });
    doc.removeEventListener('mouseover', scheduleShow, true);
    doc.removeEventListener('mouseout', scheduleHide, true);
    doc.removeEventListener('focusin', scheduleShow, true);
    doc.removeEventListener('keydown', onKey, true);
    doc.defaultView?.removeEventListener('scroll', hide, { capture: true });
  };
}

function button(doc: Document, className: string, label: string): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  return element;
}
