import {
  Parser,
  type IncomingRequestMessage,
  type IncomingResponseMessage,
  type Logger as SipLogger,
} from 'sip.js/lib/core';

/** sip.js's parser wants a logger; what it would say about a message we only peek at is not ours to report. */
const QUIET = {
  error: () => undefined,
  warn: () => undefined,
  log: () => undefined,
  debug: () => undefined,
} as unknown as SipLogger;

/**
 * A SIP message (or a fragment ended like one) read with sip.js's own parser; undefined when it is not one. The
 * parser may throw on malformed input (a hostile peer's): that is "not a message" too.
 */
export function parseSipMessage(text: string): IncomingRequestMessage | IncomingResponseMessage | undefined {
  try {
    return Parser.parseMessage(text, QUIET);
  } catch {
    return undefined;
  }
}
