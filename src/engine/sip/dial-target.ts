/**
 * What the user typed, as a SIP request URI: a SIP address stays one (with `sip:` added); anything else is treated as
 * a number on the account's domain, with visual separators removed. Returns null when nothing dialable is left.
 */
export function dialTargetToUri(target: string, accountDomain: string): string | null {
  const trimmed = target.trim();
  if (/^sips?:/i.test(trimmed)) return trimmed;
  if (trimmed.includes('@')) return /^[^@\s]+@[^@\s]+$/.test(trimmed) ? `sip:${trimmed}` : null;
  const dialable = trimmed.replace(/[\s().\-\u00a0\u202f]/g, '');
  if (!/^\+?[0-9*#]{1,32}$/.test(dialable)) {
    // A bare user name such as "reception" is a valid SIP user part.
    return /^[A-Za-z0-9._~-]{1,64}$/.test(trimmed) ? `sip:${trimmed}@${accountDomain}` : null;
  }
  return `sip:${dialable}@${accountDomain}`;
}
