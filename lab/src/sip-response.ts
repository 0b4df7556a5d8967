import { randomBytes } from 'node:crypto';
import { splitMessage } from './sip-text.ts';

/**
 * A response the lab itself gives to a request (RFC 3261 §8.2.6): the request's Vias, From, To (with a tag), Call-ID
 * and CSeq, plus any headers and body given.
 */
export function responseTo(
  request: string,
  status: number,
  reason: string,
  extraHeaders: string[] = [],
  body = '',
  contentType = '',
): string {
  const { headers } = splitMessage(request);
  const copied = headers.filter((header) => /^(via|v|from|f|call-id|i|cseq)\s*:/i.test(header));
  const to = headers.find((header) => /^(to|t)\s*:/i.test(header)) ?? 'To: <sip:unknown@invalid>';
  const toWithTag = /;\s*tag=/i.test(to) || status === 100 ? to : `${to};tag=${randomBytes(6).toString('hex')}`;
  const lines = [`SIP/2.0 ${status} ${reason}`, ...copied, toWithTag, ...extraHeaders, 'Server: Switchboard lab PBX'];
  if (body !== '') lines.push(`Content-Type: ${contentType}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body, 'utf8')}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
