import { sipAddressOf, telephoneNumberOf } from '../shared/phone-number/telephone-uri.ts';
import type { NumberHighlights } from './number-highlights.ts';
import type { LinkedNumber, NumberLinks } from './number-links.ts';

export interface PageDialRequest {
  readonly number: string;
  readonly extension: string | null;
  readonly source: 'page-link' | 'hover-card' | 'tel-link';
}

/**
 * Turns the user's own activation of a number into a dial request, and nothing else. Only trusted events count (a
 * page's `click()`, `dispatchEvent` or synthetic key presses carry `isTrusted: false`), only on links still as we
 * made them, visible, and under the pointer. The background validates and rate-limits again; this is the first gate.
 * A highlighted number (a heavy page's) is found under the click's own position, in text still as it was read.
 */
export function listenForActivation(
  doc: Document,
  links: NumberLinks,
  dial: (request: PageDialRequest) => void,
  highlights: NumberHighlights | null = null,
): () => void {
  const onClick = (event: MouseEvent) => {
    const ours = links.intactLinkAt(event.target);
    if (ours !== null) {
      event.preventDefault();
      if (isDeliberate(event) && isUnderPointer(doc, ours.link, event) && isVisible(ours.link)) {
        dial(requestFor(ours.number));
      }
      return;
    }
    // A keyboard's click has no position: a highlighted number is not focusable, it is clicked with the pointer.
    if (highlights !== null && event.detail > 0 && isDeliberate(event)) {
      const highlighted = highlights.numberAt(event.clientX, event.clientY);
      // The page's own handlers of the click still run: the number is the page's text, not an element of ours.
      if (highlighted !== null) return dial(requestFor(highlighted.kept.number));
    }
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (anchor === null || !isDeliberate(event)) return;
    const href = anchor.getAttribute('href') ?? '';
    const number = telephoneNumberOf(href) ?? sipAddressOf(href);
    if (number === null) return;
    // A page's own tel:/callto:/sip: link not taken over (added since, or an internal extension): ours to place too,
    // without the system's "pick an application" dialog.
    event.preventDefault();
    dial({ number, extension: null, source: 'tel-link' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !event.isTrusted) return;
    const ours = links.intactLinkAt(event.target);
    if (ours === null || doc.activeElement !== ours.link) return;
    event.preventDefault();
    dial(requestFor(ours.number));
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKeyDown, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKeyDown, true);
  };
}

function requestFor(number: LinkedNumber): PageDialRequest {
  return { number: number.dial, extension: number.extension, source: number.href === null ? 'page-link' : 'tel-link' };
}

/** A real, plain, primary-button click: not scripted, not a middle click or a ctrl-click meant for something else. */
function isDeliberate(event: MouseEvent): boolean {
  return event.isTrusted && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/** A click that reached the link through an overlay drawn over it is refused (keyboard clicks have no position). */
function isUnderPointer(doc: Document, link: Element, event: MouseEvent): boolean {
  if (event.detail === 0) return true;
  const hit = doc.elementFromPoint(event.clientX, event.clientY);
  return hit !== null && (hit === link || link.contains(hit));
}

export function isVisible(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return false;
  const checkable = element as Element & { checkVisibility?: (this: Element, options: object) => boolean };
  return (
    checkable.checkVisibility === undefined ||
    checkable.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  );
}
