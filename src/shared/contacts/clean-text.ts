/**
 * Text from a file the receptionist imports, made safe to keep and show: control characters and the bidirectional
 * overrides and isolates (U+202A–202E, U+2066–2069) that can make a name read backwards are removed, spaces squeezed.
 * `wasChanged` says so, for the preview.
 */
export function cleanText(text: string): { text: string; wasChanged: boolean } {
  const cleaned = text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { text: cleaned, wasChanged: cleaned !== text.replace(/\s+/g, ' ').trim() };
}

/**
 * A file's text: UTF-8 (with or without its mark), or, when that shows undecodable bytes, Windows-1252 — what
 * Outlook writes its CSV exports in on a Western Windows.
 */
export function decodeFile(bytes: ArrayBuffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\ufffd')) return { text: utf8.replace(/^\ufeff/, ''), encoding: 'utf-8' };
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}
