import { Grammar, NameAddrHeader, URI } from 'sip.js';

/** How many header values are remembered: a NOTIFY each of 200 lamps' subscriptions brings ~7 of its own. */
const CAPACITY = 4096;
/** A longer value is parsed each time: rare, and not worth the memory. */
const LONGEST_REMEMBERED = 512;
/**
 * Rules whose values are new in every message (Via's branch, CSeq's number, an authentication challenge's nonce):
 * remembering them would only push out the values that do come again.
 */
const NEVER_THE_SAME = new Set(['Via', 'CSeq', 'WWW_Authenticate', 'Proxy_Authenticate', 'challenge']);

/** What sip.js's grammar gives back: -1 for a value it refuses, else what the rule builds. */
type Parsed = unknown;

/**
 * Makes sip.js parse a header value it has already seen without running its grammar again.
 *
 * sip.js reads every header of every incoming message with its generated PEG parser, ~1 ms a NOTIFY on the busy
 * lamps' bench (issue #14: the largest cost of a burst of lamp changes). But the messages of one dialog repeat their
 * values — a lamp's NOTIFYs share their start line, From, To, Contact, Record-Route, Call-ID, Event and Content-Type —
 * so the parse of each (rule, value) is remembered (least recently used first out) and a copy is handed out: sip.js
 * may change what it is given (a tag set on a To), which must never reach another message. Only results made of
 * plain objects, arrays, URIs and name-addr headers are remembered; anything else is parsed again every time.
 */
export function memoizeSipGrammar(grammar: { parse: (input: string, startRule: string) => Parsed } = Grammar): void {
  if (MEMOIZED.has(grammar.parse)) return;
  const parse = grammar.parse;
  const remembered = new Map<string, Parsed>();
  const memoized = (input: string, startRule: string): Parsed => {
    if (typeof input !== 'string' || input.length > LONGEST_REMEMBERED || NEVER_THE_SAME.has(startRule)) {
      return parse(input, startRule);
    }
    const key = `${startRule}\n${input}`;
    if (remembered.has(key)) {
      const parsed = remembered.get(key);
      remembered.delete(key);
      remembered.set(key, parsed);
      return copyOf(parsed);
    }
    const parsed = parse(input, startRule);
    if (!isCopyable(parsed)) return parsed;
    remembered.set(key, copyOf(parsed));
    if (remembered.size > CAPACITY) remembered.delete(remembered.keys().next().value as string);
    return parsed;
  };
  MEMOIZED.add(memoized);
  grammar.parse = memoized;
}

const MEMOIZED = new WeakSet<object>();
const COPYABLE_PROTOTYPES = new Set<object | null>([
  Object.prototype,
  Array.prototype,
  null,
  URI.prototype,
  NameAddrHeader.prototype,
]);

/** Whether `value` is made only of what `copyOf` copies whole. */
function isCopyable(value: Parsed): boolean {
  if (typeof value === 'function' || typeof value === 'symbol') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (!COPYABLE_PROTOTYPES.has(Object.getPrototypeOf(value) as object | null)) return false;
  return Object.values(value).every(isCopyable);
}

/** A deep copy that keeps each object's class (a URI stays a URI). */
function copyOf(value: Parsed): Parsed {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, Parsed>;
  for (const [name, field] of Object.entries(value)) copy[name] = copyOf(field);
  return copy;
}
