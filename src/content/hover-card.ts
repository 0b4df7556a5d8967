import { isVisible, type PageDialRequest } from './activation.ts';
import { message } from './extension-runtime.ts';
import type { LinkedNumber, NumberLinks } from './number-links.ts';

const SHOW_DELAY_MS = 400;
const HIDE_DELAY_MS = 300;

const CARD_STYLE = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; display: grid; gap: 6px; min-width: 180px; max-width: 280px; padding: 10px 12px;
  font: 13px/1.4 system-ui, sans-serif; color: #1f2328; background: #fff; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 4px 16px rgb(0 0 0 / 18%); }
.number { font-weight: 600; font-variant-numeric: tabular-nums; }
.actions { display: flex; gap: 6px; }
button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; color: inherit; cursor: pointer; }
button.call { background: #1a7f37; border-color: #1a7f37; color: #fff; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6edf3; background: #161b22; border-color: #30363d; }
  button { background: #21262d; border-color: #30363d; }
}`;

/**
 * The card shown over a number after a short hover (or when it has keyboard focus): the number, Call, Copy. It lives
 * in a closed shadow root, so the page can neither style it nor reach into it.
 */
export function showHoverCards(
  doc: Document,
  links: NumberLinks,
  dial: (request: PageDialRequest) => void,
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

  let shown: { link: HTMLElement; number: LinkedNumber } | null = null;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const hide = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    shown = null;
    host.remove();
  };
  const show = (target: { link: HTMLElement; number: LinkedNumber }) => {
    shown = target;
    numberLine.textContent =
      target.number.extension === null ? target.number.dial : `${target.number.dial} · ${target.number.extension}`;
    card.setAttribute('aria-label', message('content_call_number', [target.number.dial]));
    callButton.disabled = false;
    copyButton.textContent = message('content_card_copy');
    const rect = target.link.getBoundingClientRect();
    const top =
      rect.bottom + 6 + 90 < (doc.defaultView?.innerHeight ?? 0) ? rect.bottom + 6 : Math.max(0, rect.top - 96);
    card.style.top = `${Math.round(top)}px`;
    card.style.left = `${Math.round(Math.max(4, rect.left))}px`;
    (doc.body ?? doc.documentElement).append(host);
  };
  const scheduleShow = (event: Event) => {
    const target = links.intactLinkAt(event.target);
    if (target === null) return;
    clearTimeout(hideTimer);
    if (shown?.link === target.link) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(() => show(target), SHOW_DELAY_MS);
  };
  const scheduleHide = (event: Event) => {
    if (links.intactLinkAt(event.target) === null) return;
    clearTimeout(showTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY_MS);
  };

  callButton.addEventListener('click', (event) => {
    if (!event.isTrusted || shown === null || links.intactLinkAt(shown.link) === null || !isVisible(card)) return;
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
  doc.defaultView?.addEventListener('scroll', hide, { passive: true, capture: true });
  return () => {
    hide();
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
