import { Grammar, NameAddrHeader, URI } from 'sip.js';

/** How many header values are remembered: a NOTIFY each of 200 lamps' subscriptions brings ~7 of its own. */
const CAPACITY = 4096;
/** A longer value is parsed each time: rare, and not worth the memory. */
const LONGEST_REMEMBERED = 512;
/**
 * Rules whose values are new in every message (an authentication challenge's nonce): remembering them would only push
 * out the values that do come again.
 */
const NEVER_THE_SAME = new Set(['WWW_Authenticate', 'Proxy_Authenticate', 'challenge']);

/**
 * Rules whose values change from message to message in one field alone: Via's branch, CSeq's number, the seconds left
 * of a subscription. The value is remembered with that field's text put back to a stand-in of the same kind (a token
 * for a token, digits for digits: the grammar accepts the one exactly when it accepts the other), and the copy handed
 * out gets the field read from the message. A value where the field is not found once, or holds a quote (the field's
 * text could be inside a quoted parameter), is parsed each time.
 */
const ONE_FIELD_CHANGES: Record<
  string,
  { field: RegExp; standIn: string; put: (parsed: Parsed, text: string) => void }
> = {
  // SIP's `token` characters (RFC 3261 §25.1), as sip.js's grammar reads a branch.
  Via: {
    field: /;\s*branch\s*=\s*([A-Za-z0-9\-.!%*_+`'~]+)/gi,
    standIn: 'z9hG4bK',
    put: (parsed, text) => void ((parsed as { branch: string }).branch = text),
  },
  CSeq: {
    field: /^(\d+)/g,
    standIn: '1',
    put: (parsed, text) => void ((parsed as { value: number }).value = parseInt(text)),
  },
  Subscription_State: {
    field: /;\s*expires\s*=\s*(\d+)/gi,
    standIn: '1',
    put: (parsed, text) => void ((parsed as { expires: number }).expires = parseInt(text)),
  },
};

/** `input` with its one changing field put back to `standIn`, and that field's text; null if not found once plainly. */
function withStandIn(input: string, field: RegExp, standIn: string): { input: string; text: string } | null {
  if (input.includes('"')) return null;
  const found = [...input.matchAll(field)];
  const [match] = found;
  const text = match?.[1];
  if (found.length !== 1 || match === undefined || text === undefined) return null;
  // The field's text ends its match: it is put back there.
  const at = match.index + match[0].length - text.length;
  return { input: `${input.slice(0, at)}${standIn}${input.slice(at + text.length)}`, text };
}

/** What sip.js's grammar gives back: -1 for a value it refuses, else what the rule builds. */
type Parsed = unknown;

/**
 * Makes sip.js parse a header value it has already seen without running its grammar again.
 *
 * sip.js reads every header of every incoming message with its generated PEG parser, ~1 ms a NOTIFY on the busy
 * lamps' bench (issue #14: the largest cost of a burst of lamp changes). But the messages of one dialog repeat their
 * values — a lamp's NOTIFYs share their start line, From, To, Contact, Record-Route, Call-ID, Event and Content-Type,
 * and their Via, CSeq and Subscription-State but for one field — so the parse of each (rule, value) is remembered (least recently used first out) and a copy is handed out: sip.js
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
    const changing = ONE_FIELD_CHANGES[startRule];
    const standing =
      changing === undefined ? { input, text: '' } : withStandIn(input, changing.field, changing.standIn);
    if (standing === null) return parse(input, startRule);
    const key = `${startRule}\n${standing.input}`;
    let parsed = remembered.get(key);
    if (parsed === undefined) {
      parsed = parse(standing.input, startRule);
      if (!isCopyable(parsed)) return changing === undefined ? parsed : parse(input, startRule);
    } else {
      remembered.delete(key);
    }
    remembered.set(key, parsed);
    if (remembered.size > CAPACITY) remembered.delete(remembered.keys().next().value as string);
    const copy = copyOf(parsed);
    if (changing !== undefined && copy !== -1) changing.put(copy, standing.text);
    return copy;
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
