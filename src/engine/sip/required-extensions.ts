/**
 * The SIP extensions (option tags) a caller may require of the console's phone: Replaces (RFC 3891), which sip.js is
 * configured to support. Not `100rel`: sip.js is left without reliable provisional responses.
 */
const UNDERSTOOD_OPTION_TAGS: ReadonlySet<string> = new Set(['replaces']);

/**
 * The option tags of a request's `Require` headers this phone does not understand. RFC 3261 §8.2.2.3: such a request
 * is refused 420 (Bad Extension) naming them in `Unsupported`; sip.js leaves that check undone, and went on to ring
 * a call whose caller required an extension (`100rel`) it would never use.
 */
export function unsupportedRequirements(requireHeaders: readonly string[]): string[] {
  const tags = requireHeaders
    .flatMap((header) => header.slice(0, 1024).split(','))
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => tag !== '');
  return [...new Set(tags)].filter((tag) => !UNDERSTOOD_OPTION_TAGS.has(tag));
}
