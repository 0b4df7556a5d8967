/**
 * Small, exact edits of SIP messages as text, for a proxy that forwards what it received: push or pop a Via, add a
 * Record-Route, drop a Route, rewrite the Request-URI. Parsing proper is sip.js's (`sip-parse.ts`); these helpers
 * only split the start line, the header lines and the body (RFC 3261 §7), so nothing else of a message changes.
 */
export interface SipText {
  startLine: string;
  headers: string[];
  body: string;
}

export function splitMessage(data: string): SipText {
  const end = data.indexOf('\r\n\r\n');
  const head = end === -1 ? data : data.slice(0, end);
  const body = end === -1 ? '' : data.slice(end + 4);
  const [startLine = '', ...headers] = head.split('\r\n');
  return { startLine, headers, body };
}

export function joinMessage({ startLine, headers, body }: SipText): string {
  const withLength = headers.filter((header) => !/^(content-length|l)\s*:/i.test(header));
  withLength.push(`Content-Length: ${Buffer.byteLength(body, 'utf8')}`);
  return `${startLine}\r\n${withLength.join('\r\n')}\r\n\r\n${body}`;
}

const VIA = /^(via|v)\s*:/i;
const ROUTE = /^route\s*:/i;

/** Adds a Via above all others (a request going on). */
export function pushVia(message: SipText, via: string): void {
  const index = message.headers.findIndex((header) => VIA.test(header));
  message.headers.splice(index === -1 ? 0 : index, 0, `Via: ${via}`);
}

/** Removes the topmost Via value (a response coming back); returns it. */
export function popVia(message: SipText): string | null {
  const index = message.headers.findIndex((header) => VIA.test(header));
  if (index === -1) return null;
  const header = message.headers[index] as string;
  const values = splitHeaderValues(header.slice(header.indexOf(':') + 1));
  const [top, ...rest] = values;
  if (rest.length === 0) message.headers.splice(index, 1);
  else message.headers[index] = `Via: ${rest.join(', ')}`;
  return top?.trim() ?? null;
}

/** The topmost Via value. */
export function topVia(message: SipText): string | null {
  const header = message.headers.find((line) => VIA.test(line));
  return header === undefined ? null : (splitHeaderValues(header.slice(header.indexOf(':') + 1))[0]?.trim() ?? null);
}

export function addHeaderOnTop(message: SipText, name: string, value: string): void {
  message.headers.unshift(`${name}: ${value}`);
}

/** Removes the topmost Route value when it names us (loose routing, RFC 3261 §16.4). */
export function popRouteIf(message: SipText, isUs: (route: string) => boolean): void {
  const index = message.headers.findIndex((header) => ROUTE.test(header));
  if (index === -1) return;
  const header = message.headers[index] as string;
  const [top, ...rest] = splitHeaderValues(header.slice(header.indexOf(':') + 1));
  if (top === undefined || !isUs(top)) return;
  if (rest.length === 0) message.headers.splice(index, 1);
  else message.headers[index] = `Route: ${rest.join(', ')}`;
}

export function setRequestUri(message: SipText, uri: string): void {
  const [method, , version] = message.startLine.split(' ');
  message.startLine = `${method} ${uri} ${version}`;
}

export function decrementMaxForwards(message: SipText): number {
  const index = message.headers.findIndex((header) => /^max-forwards\s*:/i.test(header));
  if (index === -1) {
    message.headers.push('Max-Forwards: 69');
    return 69;
  }
  const value = Number((message.headers[index] as string).split(':')[1]?.trim() ?? '70') - 1;
  message.headers[index] = `Max-Forwards: ${value}`;
  return value;
}

/** Splits a header's comma-separated values, leaving commas inside quotes and angle brackets alone. */
export function splitHeaderValues(value: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') depth++;
    else if (!quoted && char === '>') depth--;
    if (char === ',' && !quoted && depth === 0) {
      values.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') values.push(current.trim());
  return values;
}
