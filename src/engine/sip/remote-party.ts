import type { NameAddrHeader } from 'sip.js';

/** Longer than any name or number a phone shows; a peer may send 100 KB. */
const MAX_NAME_LENGTH = 200;
const MAX_NUMBER_LENGTH = 256;

/**
 * Control characters (C0, DEL, C1) and bidirectional embeddings, overrides and isolates: none belongs in a caller's
 * name or number, and an override (U+202E) would make a name or the number beside it read backwards on screen.
 */
const UNSHOWABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Who a peer says it is (From, P-Asserted-Identity…), as the console shows it: the display name with its
 * quoted-string escapes undone (RFC 3261 §25.1 `quoted-pair`: `\"` is a quote), and both name and number without
 * control or bidirectional-override characters and bounded. Still plain text: it is never read as markup.
 */
export function remotePartyOf(identity: NameAddrHeader): { remoteName: string; remoteNumber: string } {
  const name = (identity.displayName ?? '').replace(/\\(.)/g, '$1');
  return {
    remoteName: showable(name, MAX_NAME_LENGTH),
    remoteNumber: showable(identity.uri.user ?? identity.uri.toString(), MAX_NUMBER_LENGTH),
  };
}

function showable(text: string, maxLength: number): string {
  return text.replace(UNSHOWABLE, '').trim().slice(0, maxLength);
}
