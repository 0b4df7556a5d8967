/**
 * Whether a SIP message's `Supported` or `Require` header values name the `replaces` option tag: a user agent that
 * understands Replaces (RFC 3891) says so there (§6). One that does not — Debian's baresip 1.0.0 sends an empty
 * `Supported:` — mishandles a REFER whose Refer-To carries Replaces: it places a new call to the target (which
 * rings a second time) instead of replacing the console's leg.
 */
export function namesReplaces(headerValues: readonly string[]): boolean {
  return headerValues.some((value) =>
    value
      .split(',')
      .map((tag) => tag.trim().toLowerCase())
      .includes('replaces'),
  );
}
