import { describe, expect, it } from 'vitest';
import { Grammar, NameAddrHeader, URI } from 'sip.js';
import { memoizeSipGrammar } from '../../src/engine/sip/grammar-memo.ts';

/** A grammar like sip.js's that counts its parses, over sip.js's real one. */
function countingGrammar() {
  const grammar = {
    parses: 0,
    parse: (input: string, startRule: string): unknown => {
      grammar.parses++;
      return Grammar.parse(input, startRule) as unknown;
    },
  };
  return grammar;
}

describe("sip.js's grammar, remembering the header values it has read", () => {
  it('a value read again is not parsed again, and each reader gets its own copy of the same parse', () => {
    const grammar = countingGrammar();
    memoizeSipGrammar(grammar);
    const value = '"Alice" <sip:alice@lab.switchboard;transport=ws;lr>;tag=abc';
    const first = grammar.parse(value, 'To') as NameAddrHeader;
    const again = grammar.parse(value, 'To') as NameAddrHeader;
    expect(grammar.parses).toBe(1);
    expect(again).toBeInstanceOf(NameAddrHeader);
    expect(again.uri).toBeInstanceOf(URI);
    expect(again.toString()).toBe(first.toString());
    expect(again.uri.hasParam('lr')).toBe(true);
    expect(again.getParam('tag')).toBe('abc');
    // sip.js sets a To's tag on what it was handed: the next message's To must not have it.
    first.setParam('tag', 'changed');
    first.uri.setParam('transport', 'tcp');
    const third = grammar.parse(value, 'To') as NameAddrHeader;
    expect(third.getParam('tag')).toBe('abc');
    expect(third.uri.getParam('transport')).toBe('ws');
    expect(third).not.toBe(again);
  });

  it('a refused value is refused again without parsing; values new in every message are not remembered', () => {
    const grammar = countingGrammar();
    memoizeSipGrammar(grammar);
    expect(grammar.parse('<<not a uri', 'From')).toBe(-1);
    expect(grammar.parse('<<not a uri', 'From')).toBe(-1);
    expect(grammar.parses).toBe(1);
    const challenge = 'Digest realm="lab", nonce="5f2a", algorithm=MD5';
    grammar.parse(challenge, 'WWW_Authenticate');
    grammar.parse(challenge, 'WWW_Authenticate');
    expect(grammar.parses).toBe(3);
  });

  it("Via, CSeq and Subscription-State changing in one field alone: parsed once, each as sip.js's grammar reads it", () => {
    const grammar = countingGrammar();
    memoizeSipGrammar(grammar);
    const shapes: [string, (change: number) => string][] = [
      ['Via', (change) => `SIP/2.0/WSS 127.0.0.1:8080;branch=z9hG4bK${change}a.0;rport=5060;received=10.0.0.9`],
      ['Via', (change) => `SIP/2.0/UDP [2001:db8::1]:5060 ; BRANCH = z9hG4bK-'~\`${change}!%*_+`],
      ['CSeq', (change) => `${100 + change} NOTIFY`],
      ['CSeq', (change) => `00${change}  INVITE`],
      ['Subscription_State', (change) => `active;expires=${3600 - change}`],
      ['Subscription_State', (change) => `terminated;reason=timeout;Expires = ${change};retry-after=30`],
    ];
    for (const [rule, value] of shapes) {
      const parsesBefore = grammar.parses;
      for (let change = 0; change < 5; change++) {
        expect(grammar.parse(value(change), rule), value(change)).toEqual(Grammar.parse(value(change), rule));
      }
      expect(grammar.parses - parsesBefore, rule).toBe(1);
    }
    // What sip.js changes on what it is handed stays in that message.
    (grammar.parse('42 NOTIFY', 'CSeq') as { method: string }).method = 'BYE';
    expect(grammar.parse('43 NOTIFY', 'CSeq')).toEqual({ value: 43, method: 'NOTIFY' });
  });

  it('a value whose changing field is not plainly there once is parsed as it is, every time', () => {
    const grammar = countingGrammar();
    memoizeSipGrammar(grammar);
    const values: [string, string][] = [
      ['Via', 'SIP/2.0/WSS a.invalid;branch=z9hG4bK1;branch=z9hG4bK2'],
      ['Via', 'SIP/2.0/WSS a.invalid;x="b;branch=z9hG4bK1"'],
      ['Via', 'SIP/2.0/WSS a.invalid;branch=z9hG4bK1, SIP/2.0/UDP b.invalid;branch=z9hG4bK2'],
      ['Via', 'SIP/2.0/WSS a.invalid;branch=z9hG4bK1, SIP/2.0/UDP b.invalid'],
      ['Via', 'SIP/2.0/WSS a.invalid;rport'],
      ['Via', 'SIP/2.0/WSS a.invalid;branch=z9h"G4bK1'],
      ['Via', 'SIP/2.0/WSS a.invalid;branch=z9h<G4bK1>'],
      ['CSeq', 'NOTIFY 42'],
      ['CSeq', '42'],
      ['Subscription_State', 'active;expires=60;expires=90'],
      ['Subscription_State', 'active;expires=6x0'],
      ['Subscription_State', 'pending'],
    ];
    for (const [rule, value] of values) {
      expect(grammar.parse(value, rule), value).toEqual(Grammar.parse(value, rule));
      expect(grammar.parse(value, rule), value).toEqual(Grammar.parse(value, rule));
    }
  });

  it('lists of contacts keep their positions and headers; a value over 512 characters is parsed each time', () => {
    const grammar = countingGrammar();
    memoizeSipGrammar(grammar);
    const contacts = '<sip:201@10.0.0.1:5060>;expires=60, "Desk" <sip:201@10.0.0.2>';
    const first = grammar.parse(contacts, 'Contact') as { position: number; offset: number; parsed: NameAddrHeader }[];
    const again = grammar.parse(contacts, 'Contact') as typeof first;
    expect(again.map((contact) => [contact.position, contact.offset, contact.parsed.toString()])).toEqual(
      first.map((contact) => [contact.position, contact.offset, contact.parsed.toString()]),
    );
    expect(again[1]?.parsed).toBeInstanceOf(NameAddrHeader);
    const long = `<sip:${'a'.repeat(600)}@lab.switchboard>`;
    grammar.parse(long, 'From');
    grammar.parse(long, 'From');
    expect(grammar.parses).toBe(3);
  });

  it('is put in place once however often it is asked', () => {
    const grammar = countingGrammar();
    memoizeSipGrammar(grammar);
    const once = grammar.parse;
    memoizeSipGrammar(grammar);
    expect(grammar.parse).toBe(once);
  });
});
