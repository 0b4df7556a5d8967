import Papa from 'papaparse';
import { EMPTY_CONTACT_FIELDS, type ContactPhone, type PhoneType } from '../model/contact.ts';
import { nextTask, WorkSlices } from '../work-slices.ts';
import { toImportRow, type ImportRow } from './import-row.ts';

/** What a column holds, whatever language the export was made in. */
type Column =
  | {
      field: 'first' | 'middle' | 'last' | 'name' | 'company' | 'department' | 'title' | 'location' | 'notes' | 'email';
    }
  | { field: 'phone'; type: PhoneType };

/**
 * Column titles of Outlook's CSV export (English and French editions) and of our own export, lower case, without
 * accents.
 */
const COLUMNS: Record<string, Column> = {
  'first name': { field: 'first' },
  prenom: { field: 'first' },
  'middle name': { field: 'middle' },
  'deuxieme prenom': { field: 'middle' },
  'last name': { field: 'last' },
  nom: { field: 'last' },
  name: { field: 'name' },
  'display name': { field: 'name' },
  'nom complet': { field: 'name' },
  company: { field: 'company' },
  societe: { field: 'company' },
  department: { field: 'department' },
  service: { field: 'department' },
  'job title': { field: 'title' },
  title: { field: 'title' },
  titre: { field: 'title' },
  fonction: { field: 'title' },
  'business city': { field: 'location' },
  'ville (bureau)': { field: 'location' },
  location: { field: 'location' },
  notes: { field: 'notes' },
  'e-mail address': { field: 'email' },
  'e-mail 2 address': { field: 'email' },
  'adresse de messagerie': { field: 'email' },
  email: { field: 'email' },
  'business phone': { field: 'phone', type: 'work' },
  'business phone 2': { field: 'phone', type: 'work' },
  'company main phone': { field: 'phone', type: 'work' },
  'telephone (bureau)': { field: 'phone', type: 'work' },
  'telephone (bureau 2)': { field: 'phone', type: 'work' },
  'mobile phone': { field: 'phone', type: 'mobile' },
  'tel. mobile': { field: 'phone', type: 'mobile' },
  'telephone mobile': { field: 'phone', type: 'mobile' },
  'home phone': { field: 'phone', type: 'home' },
  'telephone (domicile)': { field: 'phone', type: 'home' },
  'business fax': { field: 'phone', type: 'fax' },
  'telecopie (bureau)': { field: 'phone', type: 'fax' },
  'other phone': { field: 'phone', type: 'other' },
  'autre telephone': { field: 'phone', type: 'other' },
  work: { field: 'phone', type: 'work' },
  mobile: { field: 'phone', type: 'mobile' },
  home: { field: 'phone', type: 'home' },
  extension: { field: 'phone', type: 'extension' },
  fax: { field: 'phone', type: 'fax' },
  other: { field: 'phone', type: 'other' },
};

function columnOf(title: string): Column | undefined {
  return COLUMNS[title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()];
}

/** How long the side panel works on the rows before letting a frame or a click through. */
const SLICE_MS = 12;
/** Characters of the file papaparse reads at once (~5 ms of parsing), the page breathing between two. */
const CHUNK_CHARACTERS = 64 * 1024;

/**
 * The contacts of a CSV file (Outlook's export, or ours), read by papaparse, one row each for the preview; a file
 * without a name column or a number column is refused as a whole (`missingColumns`).
 */
export async function parseCsv(text: string): Promise<{ rows: ImportRow[]; missingColumns: boolean }> {
  // The first line's columns first: a file that is not contacts is refused before it is read whole.
  const [firstLine = []] = Papa.parse<string[]>(text.slice(0, text.search(/\r|\n|$/))).data;
  if (!hasContactColumns(firstLine)) return { rows: [], missingColumns: true };
  const [header = [], ...records] = await csvRecords(text);
  if (!hasContactColumns(header)) return { rows: [], missingColumns: true };
  const columns = header.map(columnOf);
  const rows: ImportRow[] = [];
  const slices = new WorkSlices(SLICE_MS);
  for (let index = 0; index < records.length; index++) {
    rows.push(recordRow(index + 2, columns, records[index] ?? []));
    await slices.pause();
  }
  return { rows, missingColumns: false };
}

/** Whether a header has a column for the name and one for a number or an e-mail. */
function hasContactColumns(header: readonly string[]): boolean {
  const columns = header.map(columnOf);
  const hasName = columns.some((column) => column !== undefined && ['first', 'last', 'name'].includes(column.field));
  const hasReach = columns.some((column) => column?.field === 'phone' || column?.field === 'email');
  return hasName && hasReach;
}

/**
 * Every record of a CSV text, read a chunk at a time (10 MB parsed at once held the side panel for seconds). A quote
 * left open reads the rest of the file again with each chunk: slow, but the page still breathes between chunks.
 */
function csvRecords(text: string): Promise<string[][]> {
  const records: string[][] = [];
  return new Promise((resolve) => {
    Papa.parse<string[]>(text, {
      skipEmptyLines: 'greedy',
      chunkSize: CHUNK_CHARACTERS,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        for (const record of results.data) records.push(record);
        parser.pause();
        void nextTask().then(() => parser.resume());
      },
      complete: () => resolve(records),
    });
  });
}

function recordRow(line: number, columns: readonly (Column | undefined)[], record: readonly string[]): ImportRow {
  const parts = {
    first: '',
    middle: '',
    last: '',
    name: '',
    company: '',
    department: '',
    title: '',
    location: '',
    notes: '',
  };
  const phones: ContactPhone[] = [];
  const emails: string[] = [];
  columns.forEach((column, index) => {
    const value = (record[index] ?? '').trim();
    if (column === undefined || value === '') return;
    if (column.field === 'phone') phones.push({ type: column.type, number: value });
    else if (column.field === 'email') emails.push(value);
    else parts[column.field] = parts[column.field] === '' ? value : `${parts[column.field]} ${value}`;
  });
  return toImportRow(line, {
    ...EMPTY_CONTACT_FIELDS,
    name: parts.name || [parts.first, parts.middle, parts.last].filter((part) => part !== '').join(' '),
    company: parts.company,
    department: parts.department,
    title: parts.title,
    location: parts.location,
    notes: parts.notes,
    phones,
    emails,
  });
}
