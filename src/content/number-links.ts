import type { FoundNumber } from '../shared/phone-number/page-number-finder.ts';
import { message } from './extension-runtime.ts';

/** What one of our links stands for, kept where the page cannot reach it (the content script's own world). */
export interface LinkedNumber {
  /** What to dial: E.164 (`+33123456789`), or the SIP address of a page's `sip:` link (`sip:reception@example.com`). */
  readonly dial: string;
  readonly extension: string | null;
  /** The text the link was made with: a page that rewrites the link makes it dead, not redirected. */
  readonly text: string;
  /** A number written over several elements gets a link in each part: the parts share this. */
  readonly whole: object;
  /** The address of a page's own link we took over (`tel:…`, `callto:…`, `sip:…`), as it was; null for ours. */
  readonly href: string | null;
}

export const LINK_CLASS = 'switchboard-number';

/**
 * The links this content script made, and the page's own `tel:`, `callto:` and `sip:` links it took over (they get
 * the same card and call path, and stay as the page made them). The registry is the only proof that an element is
 * ours: a page can copy the class name or the attributes, never the entry in this WeakMap.
 */
export class NumberLinks {
  readonly #registry = new WeakMap<Element, LinkedNumber>();

  constructor(private readonly doc: Document) {}

  /**
   * A link for `text`, built with DOM APIs only (page text never goes near an HTML parser). `whole` is shared by the
   * links of one number written over several elements.
   */
  create(text: string, found: FoundNumber, whole: object = {}): HTMLElement {
    const link = this.doc.createElement('a');
    link.textContent = text;
    link.className = LINK_CLASS;
    // No href: nothing for the page or the browser to follow; activation is ours alone.
    link.setAttribute('role', 'link');
    link.tabIndex = 0;
    link.title = message('content_call_number', [found.e164]);
    link.style.cursor = 'pointer';
    link.style.textDecoration = 'underline dotted';
    this.#registry.set(link, { dial: found.e164, extension: found.extension, text, whole, href: null });
    return link;
  }

  /** Takes over a page's own link to `dial` (its address and text as they are now; both must stay so). */
  adopt(link: HTMLAnchorElement, dial: string): void {
    if (this.#registry.has(link)) return;
    const text = link.textContent ?? '';
    this.#registry.set(link, { dial, extension: null, text, whole: {}, href: link.getAttribute('href') });
  }

  isOurs(element: Element): boolean {
    return this.#registry.has(element);
  }

  /** The link of ours an event landed in, with what it stands for, if it is still as we made it. */
  intactLinkAt(target: EventTarget | null): { link: HTMLElement; number: LinkedNumber } | null {
    let node = target instanceof Node ? target : null;
    while (node !== null && !(node instanceof Element && this.#registry.has(node))) node = node.parentNode;
    if (node === null) return null;
    const link = node as HTMLElement;
    const number = this.#registry.get(link);
    if (number === undefined || !link.isConnected || link.textContent !== number.text) return null;
    // Ours have no address; the page's keep the one they had when taken over.
    if (link.getAttribute('href') !== number.href) return null;
    return { link, number };
  }

  /** Puts the page's text back where we made links (the site was just disabled). */
  unlinkAll(root: ParentNode): void {
    for (const link of Array.from(root.querySelectorAll('a[href]'))) this.#registry.delete(link);
    for (const link of Array.from(root.querySelectorAll(`a.${LINK_CLASS}`))) {
      const number = this.#registry.get(link);
      if (number === undefined) continue;
      const parent = link.parentNode;
      link.replaceWith(this.doc.createTextNode(link.textContent ?? number.text));
      this.#registry.delete(link);
      parent?.normalize();
    }
  }
}
