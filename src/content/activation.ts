import { telephoneNumberOf } from '../shared/phone-number/telephone-uri.ts';
import type { NumberLinks } from './number-links.ts';

export interface PageDialRequest {
  readonly number: string;
  readonly extension: string | null;
  readonly source: 'page-link' | 'hover-card' | 'tel-link';
}

/**
 * Turns the user's own activation of a number into a dial request, and nothing else. Only trusted events count (a
 * page's `click()`, `dispatchEvent` or synthetic key presses carry `isTrusted: false`), only on links still as we
 * made them, visible, and under the pointer. The background validates and rate-limits again; this is the first gate.
 */
export function listenForActivation(
  doc: Document,
  links: NumberLinks,
  dial: (request: PageDialRequest) => void,
): () => void {
  const onClick = (event: MouseEvent) => {
    const ours = links.intactLinkAt(event.target);
    if (ours !== null) {
      event.preventDefault();
      if (isDeliberate(event) && isUnderPointer(doc, ours.link, event) && isVisible(ours.link)) {
        dial({ number: ours.number.e164, extension: ours.number.extension, source: 'page-link' });
      }
      return;
    }
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (anchor === null || !isDeliberate(event)) return;
    const number = telephoneNumberOf(anchor.getAttribute('href') ?? '');
    if (number === null) return;
    // The page's own tel:/callto:/sip: link: ours to place, without the system's "pick an application" dialog.
    event.preventDefault();
    dial({ number, extension: null, source: 'tel-link' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !event.isTrusted) return;
    const ours = links.intactLinkAt(event.target);
    if (ours === null || doc.activeElement !== ours.link) return;
    event.preventDefault();
    dial({ number: ours.number.e164, extension: ours.number.extension, source: 'page-link' });
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKeyDown, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKeyDown, true);
  };
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
