import type { FoundNumber } from '../shared/phone-number/page-number-finder.ts';
import { message } from './extension-runtime.ts';

/** What one of our links stands for, kept where the page cannot reach it (the content script's own world). */
export interface LinkedNumber {
  readonly e164: string;
  readonly extension: string | null;
  /** The text the link was made with: a page that rewrites the link makes it dead, not redirected. */
  readonly text: string;
}

export const LINK_CLASS = 'switchboard-number';

/**
 * The links this content script made. The registry is the only proof that an element is ours: a page can copy the
 * class name or the attributes, never the entry in this WeakMap.
 */
export class NumberLinks {
  readonly #registry = new WeakMap<Element, LinkedNumber>();

  constructor(private readonly doc: Document) {}

  /** A link for `text`, built with DOM APIs only (page text never goes near an HTML parser). */
  create(text: string, found: FoundNumber): HTMLElement {
    const link = this.doc.createElement('a');
    link.textContent = text;
    link.className = LINK_CLASS;
    // No href: nothing for the page or the browser to follow; activation is ours alone.
    link.setAttribute('role', 'link');
    link.tabIndex = 0;
    link.title = message('content_call_number', [found.e164]);
    link.style.cursor = 'pointer';
    link.style.textDecoration = 'underline dotted';
    this.#registry.set(link, { e164: found.e164, extension: found.extension, text });
    return link;
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
    if (number === undefined || !link.isConnected || link.textContent !== number.text || link.hasAttribute('href'))
      return null;
    return { link, number };
  }

  /** Puts the page's text back where we made links (the site was just disabled). */
  unlinkAll(root: ParentNode): void {
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
