/**
 * The contacts benchmark's page (issue #13), run in Debian's Chromium with its real IndexedDB: 100,000 vCards parsed
 * by the import's own parser and stored as an import is (staged in parts, then committed), then type-ahead searches
 * and caller lookups on the real contact book. Figures only; `contacts-bench.ts` prints them.
 */
import { ContactBook } from '../src/background/contacts/contact-book.ts';
import { SwitchboardDatabase } from '../src/background/storage/database.ts';
import { parseVCards } from '../src/shared/contacts/parse-vcard.ts';
import type { ContactFields } from '../src/shared/model/contact.ts';

const FIRST = [
  'Alice',
  'Bruno',
  'Chloé',
  'David',
  'Emma',
  'François',
  'Gabriel',
  'Hélène',
  'Inès',
  'Jules',
  'Karim',
  'Léa',
  'Marc',
  'Nora',
  'Olivier',
  'Paul',
  'Quentin',
  'Rose',
  'Sami',
  'Théo',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
];
const DEPARTMENTS = ['Sales', 'Support', 'Accounting', 'Legal', 'Logistics', 'Marketing', 'Purchasing', 'IT'];

function card(index: number): string {
  const name = `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index}`;
  const number = `+3314${String(index).padStart(7, '0')}`;
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nORG:Company ${index % 500};${DEPARTMENTS[index % DEPARTMENTS.length]}\r\nTEL;TYPE=WORK:${number}\r\nEND:VCARD\r\n`;
}

function percentile(values: number[], at: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * at) / 100))] ?? NaN;
}

export async function runContactsBench(count: number): Promise<Record<string, number>> {
  // The file, made before anything is timed or watched: the page's own work, not the console's.
  const text = Array.from({ length: count }, (_each, index) => card(index)).join('');
  await new Promise((resolve) => setTimeout(resolve, 50));
  let longestTask = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  }).observe({ type: 'longtask', buffered: false });

  const database = new SwitchboardDatabase(`bench-${Date.now()}`);
  const book = new ContactBook(database, 'FR');

  // The import: parse (the import dialog's parser, in batches), then staged in parts of 1,000 and committed.
  const importStart = performance.now();
  const rows = await parseVCards(text);
  const parsedAt = performance.now();
  // What the side panel does (reading the file) is over: its longest task, apart from the background's part.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const parseLongest = longestTask;
  longestTask = 0;
  const fields = rows.flatMap((row): ContactFields[] => (row.kind === 'ok' ? [row.fields] : []));
  for (let start = 0; start < fields.length; start += 1000) {
    await book.stage('bench', fields.slice(start, start + 1000));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const stagedAt = performance.now();
  const imported = await book.commit('bench', 'personal', 'add');
  const commitMs = performance.now() - stagedAt;
  const stageMs = stagedAt - parsedAt;
  const importMs = performance.now() - importStart;
  const importLongest = longestTask;

  // Type-ahead: a query per keystroke, from the book to results drawn in the page.
  const results = document.createElement('ol');
  document.body.append(results);
  const queries: string[] = [];
  for (let index = 0; index < 200; index++) {
    const pick = index * 7919;
    const word =
      [FIRST[pick % FIRST.length], LAST[pick % LAST.length], DEPARTMENTS[pick % DEPARTMENTS.length]][index % 3] ?? 'a';
    queries.push(
      index % 4 === 3
        ? String(pick % 100_000)
            .padStart(5, '0')
            .slice(0, 4)
        : word.slice(0, 2 + (index % 4)),
    );
  }
  const typeAhead: number[] = [];
  // Where the time goes: the search by kind (a word; a run of digits), then the drawing.
  const wordSearches: number[] = [];
  const digitSearches: number[] = [];
  const drawings: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    const groups = await book.search(query, ['personal']);
    const searchedAt = performance.now();
    (/^\d+$/.test(query) ? digitSearches : wordSearches).push(searchedAt - start);
    results.replaceChildren(
      ...groups.flatMap((group) =>
        group.contacts.map((contact) => {
          const item = document.createElement('li');
          item.textContent = `${contact.name} · ${contact.department} · ${contact.phones[0]?.number ?? ''}`;
          return item;
        }),
      ),
    );
    results.getBoundingClientRect();
    drawings.push(performance.now() - searchedAt);
    typeAhead.push(performance.now() - start);
  }

  // Caller identification: numbers as a PBX sends them, in several formats.
  const lookups: number[] = [];
  let found = 0;
  for (let index = 0; index < 500; index++) {
    const n = (index * 104_729) % count;
    const formats = [
      `+3314${String(n).padStart(7, '0')}`,
      `014${String(n).padStart(7, '0')}`,
      `sip:+3314${String(n).padStart(7, '0')}@pbx`,
    ];
    const start = performance.now();
    if ((await book.identify(formats[index % 3] ?? '', ['personal'])) !== null) found += 1;
    lookups.push(performance.now() - start);
  }

  return {
    count: imported,
    parsed: rows.length,
    parseMs: parsedAt - importStart,
    stageMs,
    commitMs,
    importMs,
    parseLongestTaskMs: parseLongest,
    importLongestTaskMs: importLongest,
    typeAheadP50: percentile(typeAhead, 50),
    typeAheadP95: percentile(typeAhead, 95),
    wordSearchP50: percentile(wordSearches, 50),
    wordSearchP95: percentile(wordSearches, 95),
    digitSearchP50: percentile(digitSearches, 50),
    digitSearchP95: percentile(digitSearches, 95),
    drawingP50: percentile(drawings, 50),
    drawingP95: percentile(drawings, 95),
    lookupP50: percentile(lookups, 50),
    lookupP95: percentile(lookups, 95),
    lookupsFound: found,
  };
}

(globalThis as unknown as { runContactsBench: typeof runContactsBench }).runContactsBench = runContactsBench;
