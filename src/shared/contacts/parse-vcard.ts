import ICAL from 'ical.js';
import { EMPTY_CONTACT_FIELDS, type ContactPhone, type PhoneType } from '../model/contact.ts';
import { WorkSlices } from '../work-slices.ts';
import { toImportRow, type ImportRow } from './import-row.ts';

/** How long the side panel reads before letting a frame or a click through. */
const SLICE_MS = 12;

/** The vCard TEL types, in the order one is chosen, to ours. */
function phoneTypeOf(types: readonly string[]): PhoneType {
  const has = (type: string) => types.includes(type);
  if (has('fax')) return 'fax';
  if (has('cell') || has('mobile')) return 'mobile';
  if (has('home')) return 'home';
  if (has('work')) return 'work';
  return 'other';
}

/** A parameter's values, lower case, whether the card lists them (`TYPE=work,voice`) or repeats it (`TYPE=work;TYPE=voice`). */
function typesOf(property: ICAL.Property): string[] {
  const value: unknown = property.getParameter('type');
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.flatMap((each) => String(each).toLowerCase().split(','));
}

function textOf(value: unknown): string {
  if (Array.isArray(value))
    return value
      .map(textOf)
      .filter((part) => part !== '')
      .join(' ');
  return typeof value === 'string' ? value : '';
}

/**
 * The contacts of a vCard file (3.0 and 4.0, read by ical.js), one row each for the preview. Each card is parsed on
 * its own, so one broken card is one error row and the others still come. The file is read a line at a time (not
 * split whole: 10 MB split at once held the side panel ~50 ms), in slices of time (a first batch of 200 cards took
 * 70 ms, ical.js's code being compiled as it first runs).
 */
export async function parseVCards(text: string): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const slices = new WorkSlices(SLICE_MS);
  const lineBreak = /\r\n|\n|\r/g;
  let cardLines: string[] | null = null;
  let cardLine = 0;
  for (let lineStart = 0, lineNumber = 1; lineStart <= text.length; lineNumber++) {
    const lineEnd = lineBreak.exec(text);
    const line = text.slice(lineStart, lineEnd?.index ?? text.length);
    lineStart = lineEnd === null ? text.length + 1 : lineEnd.index + lineEnd[0].length;
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      cardLines = [line];
      cardLine = lineNumber;
    } else if (cardLines !== null) {
      cardLines.push(line);
      if (/^END:VCARD\s*$/i.test(line)) {
        rows.push(cardRow(cardLine, cardLines.join('\r\n')));
        cardLines = null;
      }
    }
    await slices.pause();
  }
  return rows;
}

/** One vCard (a server's address object), as a row: the contact, or why it is not one. */
export function cardRow(line: number, card: string): ImportRow {
  try {
    const component = new ICAL.Component(ICAL.parse(card) as unknown[]);
    const first = (name: string) => textOf(component.getFirstPropertyValue(name));
    const organization: unknown = component.getFirstPropertyValue('org');
    const [company = '', department = ''] = Array.isArray(organization)
      ? organization.map(textOf)
      : [textOf(organization)];
    const address: unknown = component.getFirstPropertyValue('adr');
    const phones: ContactPhone[] = component.getAllProperties('tel').map((property) => ({
      type: phoneTypeOf(typesOf(property)),
      number: textOf(property.getFirstValue())
        .replace(/^tel:/i, '')
        .replace(/;ext=.*$/i, ''),
    }));
    return toImportRow(line, {
      ...EMPTY_CONTACT_FIELDS,
      name: first('fn') || textOf(component.getFirstPropertyValue('n')),
      company,
      department,
      title: first('title'),
      // ADR: post-office box; extended; street; locality; region; code; country — the town is where they are.
      location: Array.isArray(address) ? textOf(address[3]) : '',
      notes: first('note'),
      phones,
      emails: component.getAllProperties('email').map((property) => textOf(property.getFirstValue())),
    });
  } catch {
    return { line, kind: 'error', reason: 'error_import_vcard', excerpt: card.slice(0, 80) };
  }
}
