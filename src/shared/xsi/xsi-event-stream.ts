import { XMLValidator } from 'fast-xml-parser';

/** More than this without a complete document is not an XSI event stream. */
const MAX_PENDING_CHARS = 1024 * 1024;
const DECLARATION = '<?xml';

export class XsiStreamError extends Error {}

/**
 * Splits an XSI-Events channel (one HTTP response that never ends, spec §4.2.1.2) into its XML documents: the
 * `<Channel>`, then `<ChannelHeartBeat/>`s and `<xsi:Event>`s, each starting with its XML declaration (as BroadWorks
 * writes them, and as BroadSoft's own client splits them). A document is handed on as soon as it is complete — when
 * the next declaration arrives, or when what came so far is well-formed XML (fast-xml-parser's validator) — so an
 * event is never held back until the next one.
 */
export class XsiEventStream {
  #pending = '';

  constructor(private readonly onDocument: (xml: string) => void) {}

  push(chunk: string): void {
    this.#pending += chunk;
    for (;;) {
      const start = this.#pending.indexOf(DECLARATION);
      if (start < 0) break;
      const next = this.#pending.indexOf(DECLARATION, start + DECLARATION.length);
      if (next < 0) break;
      this.#emit(this.#pending.slice(start, next));
      this.#pending = this.#pending.slice(next);
    }
    const last = this.#pending.trim();
    if (last !== '' && XMLValidator.validate(last) === true) {
      this.#pending = '';
      this.#emit(last);
    } else if (this.#pending.length > MAX_PENDING_CHARS) {
      this.#pending = '';
      throw new XsiStreamError(`no complete XML document in ${MAX_PENDING_CHARS} characters`);
    }
  }

  #emit(xml: string): void {
    const document = xml.trim();
    if (document !== '') this.onDocument(document);
  }
}
