/** The number in a `tel:`, `callto:` or `sip:` link, or null when there is none (a SIP address with a name, say). */
export function telephoneNumberOf(href: string): string | null {
  const match = /^\s*(?:tel|callto|sips?):(?:\/\/)?([^;?@]*)/i.exec(href);
  if (match === null) return null;
  let number: string;
  try {
    number = decodeURIComponent(match[1] ?? '').trim();
  } catch {
    return null;
  }
  const digits = number.replace(/\D/g, '').length;
  return /^[+\d\s().\-\/]{3,64}$/.test(number) && digits >= 3 && digits <= 17 ? number : null;
}

/**
 * The SIP address of a `sip:`/`sips:` link with a name (`sip:reception@example.com` → `sip:reception@example.com`),
 * without its parameters or headers; null when it is anything else. The user part and the host are checked to the
 * characters RFC 3261 allows, so nothing else can ride along to the console.
 */
export function sipAddressOf(href: string): string | null {
  const match =
    /^\s*(sips?):([A-Za-z0-9\-_.!~*'()&=+$,%]{1,64})@([A-Za-z0-9](?:[A-Za-z0-9\-.]{0,251}[A-Za-z0-9])?)(?::(\d{1,5}))?(?:[;?].*)?$/i.exec(
      href,
    );
  if (match === null) return null;
  const [, scheme, user, host, port] = match;
  return `${scheme?.toLowerCase()}:${user}@${host?.toLowerCase()}${port === undefined ? '' : `:${port}`}`;
}
