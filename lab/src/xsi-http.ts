import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** The namespace of every XSI document (BroadWorks XSI specification §3). */
export const XSI_NAMESPACE = 'http://schema.broadsoft.com/xsi';

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

export function basicUser(header: string | undefined): { user: string; password: string } | null {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function readRoot(body: string, expected: string): Record<string, unknown> | null {
  if (body.length > 64 * 1024 || body.includes('<!DOCTYPE') || XMLValidator.validate(body) !== true) return null;
  const root = (parser.parse(body) as Record<string, unknown>)[expected];
  if (root === undefined) return null;
  return typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
}

export async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 64 * 1024) break;
  }
  return text;
}

export function xml(root: string, content: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': XSI_NAMESPACE, ...content } })}`;
}

export function errorInfo(summary: string, errorCode: string): string {
  return xml('ErrorInfo', { summary, summaryEnglish: summary, errorCode });
}

export function reply(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...(body === '' ? {} : { 'Content-Type': 'application/xml; charset=UTF-8' }),
    // The console is an extension page on another origin.
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE',
    ...headers,
  });
  response.end(body);
}

/**
 * The user an XSI request is made as (HTTP Basic with `user@domain` and the SIP password, spec §3.2.2), or null after
 * answering 401 for credentials that are missing or wrong.
 */
export function authenticatedUser(
  request: IncomingMessage,
  response: ServerResponse,
  passwordOf: (user: string) => string | undefined,
): string | null {
  const caller = basicUser(request.headers.authorization);
  const user = caller?.user.split('@')[0] ?? '';
  if (caller === null || passwordOf(user) !== caller.password) {
    reply(response, 401, errorInfo('Authentication failed', '110'), { 'WWW-Authenticate': 'Basic realm="BroadWorks"' });
    return null;
  }
  return user;
}

/** A PUT's text field, or `current` when the document leaves it out (XSI changes only what a PUT names). */
export function textOr(root: Record<string, unknown>, name: string, current: string): string {
  const value = root[name];
  return typeof value === 'string' ? value : current;
}

/** A PUT's boolean field (`true`/`false`), or `current` when the document leaves it out. */
export function flagOr(root: Record<string, unknown>, name: string, current: boolean): boolean {
  const value = root[name];
  return typeof value === 'string' ? value === 'true' : current;
}
