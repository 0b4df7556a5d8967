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
    const via = 'SIP/2.0/WSS lab.invalid;branch=z9hG4bK776';
    expect((grammar.parse(via, 'Via') as { branch: string }).branch).toBe('z9hG4bK776');
    grammar.parse(via, 'Via');
    expect(grammar.parses).toBe(3);
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
