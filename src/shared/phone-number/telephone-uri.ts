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
