import { parseSipMessage } from './parse-sip-message.ts';

export interface SipfragStatus {
  readonly code: number;
  /** As the far end worded it (`Not Found`), for the receptionist to read; bounded. */
  readonly reason: string;
}

/**
 * The status of a `message/sipfrag` body (RFC 3420) — what a transferee reports of the call it places for a REFER
 * (RFC 3515 §2.4.5), such as `SIP/2.0 180 Ringing` — read with sip.js's parser; null when it is not a status line.
 * A fragment may stop after its start line, which the parser needs ended like a whole message.
 */
export function sipfragStatus(body: string): SipfragStatus | null {
  const parsed = parseSipMessage(`${body.trimEnd()}\r\n\r\n`);
  if (parsed === undefined || !('statusCode' in parsed) || parsed.statusCode === undefined) return null;
  return { code: parsed.statusCode, reason: (parsed.reasonPhrase ?? '').slice(0, 80) };
}
