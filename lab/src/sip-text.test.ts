import { describe, expect, it } from 'vitest';
import {
  joinMessage,
  popRouteIf,
  popVia,
  pushVia,
  setRequestUri,
  splitHeaderValues,
  splitMessage,
  topVia,
} from './sip-text.ts';

const INVITE = [
  'INVITE sip:201@lab.switchboard SIP/2.0',
  'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1, SIP/2.0/WSS b.invalid;branch=z9hG4bK2',
  'Route: <sip:lab-rr@127.0.0.1:5090;transport=ws;lr>, <sip:other@example.com;lr>',
  'From: "Smith, John" <sip:alice@lab.switchboard>;tag=1',
  'To: <sip:201@lab.switchboard>',
  'Call-ID: abc',
  'CSeq: 1 INVITE',
  'Content-Type: application/sdp',
  'Content-Length: 4',
  '',
  'v=0\n',
].join('\r\n');

describe('editing SIP messages as text', () => {
  it('splits header values on commas outside quotes and brackets', () => {
    expect(splitHeaderValues('"Smith, John" <sip:a@b>, <sip:c@d;x=1,2>')).toEqual([
      '"Smith, John" <sip:a@b>',
      '<sip:c@d;x=1,2>',
    ]);
  });

  it('pushes and pops Vias one value at a time', () => {
    const message = splitMessage(INVITE);
    pushVia(message, 'SIP/2.0/WSS lab.invalid;branch=z9hG4bK-lab-c1-x');
    expect(topVia(message)).toBe('SIP/2.0/WSS lab.invalid;branch=z9hG4bK-lab-c1-x');
    expect(popVia(message)).toBe('SIP/2.0/WSS lab.invalid;branch=z9hG4bK-lab-c1-x');
    expect(popVia(message)).toBe('SIP/2.0/WSS a.invalid;branch=z9hG4bK1');
    expect(topVia(message)).toBe('SIP/2.0/WSS b.invalid;branch=z9hG4bK2');
  });

  it('drops only a Route that names the lab, and rewrites the Request-URI', () => {
    const message = splitMessage(INVITE);
    popRouteIf(message, (route) => route.includes('lab-rr@'));
    popRouteIf(message, (route) => route.includes('lab-rr@'));
    expect(message.headers.filter((header) => header.startsWith('Route:'))).toEqual([
      'Route: <sip:other@example.com;lr>',
    ]);
    setRequestUri(message, 'sip:x7@y.invalid;transport=ws');
    expect(message.startLine).toBe('INVITE sip:x7@y.invalid;transport=ws SIP/2.0');
  });

  it('keeps the body and recomputes its length', () => {
    const message = splitMessage(INVITE);
    message.body = 'v=0\r\ns=é\r\n';
    const text = joinMessage(message);
    expect(text.endsWith('\r\n\r\nv=0\r\ns=é\r\n')).toBe(true);
    expect(text).toMatch(/Content-Length: 11\r\n/);
    expect(text.match(/Content-Length/g)).toHaveLength(1);
  });
});
