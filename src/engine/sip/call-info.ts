/**
 * The delay an incoming call asks to be answered after, from `Call-Info: <…>;answer-after=N` (the de-facto intercom
 * and paging convention); null when it does not ask. The parameters follow the URI's closing `>`; sip.js has no
 * grammar for Call-Info, so they are split here, bounded.
 */
export function answerAfterSeconds(callInfoHeaders: readonly string[]): number | null {
  for (const header of callInfoHeaders) {
    for (const value of header.slice(0, 1024).split(',')) {
      const parameters = value.slice(value.indexOf('>') + 1).split(';');
      for (const parameter of parameters) {
        const [name, raw] = parameter.split('=', 2).map((part) => part.trim());
        if (name?.toLowerCase() !== 'answer-after' || raw === undefined || !/^\d{1,3}$/.test(raw)) continue;
        return Number(raw);
      }
    }
  }
  return null;
}
