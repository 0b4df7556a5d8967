import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../src/shared/contacts/clean-text.ts';
import { parseCsv } from '../../src/shared/contacts/parse-csv.ts';
import { parseVCards } from '../../src/shared/contacts/parse-vcard.ts';
import { toVCard } from '../../src/shared/contacts/to-vcard.ts';
import { toCsv } from '../../src/shared/contacts/to-csv.ts';

const file = (name: string) => {
  const bytes = readFileSync(new URL(`../fixtures/contacts/${name}`, import.meta.url));
  return decodeFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

describe('importing contacts', () => {
  it('reads vCard 3 and 4, cleans what could mislead, and says which cards cannot be contacts', async () => {
    const rows = await parseVCards(file('mixed.vcf').text);
    expect(rows.map((row) => row.kind)).toEqual(['ok', 'ok', 'error', 'error']);
    const [claire, hugo, nameless, broken] = rows;
    expect(claire).toMatchObject({
      kind: 'ok',
      fields: {
        name: 'Claire Dubois',
        company: 'Acme',
        department: 'Accounts',
        title: 'Controller',
        phones: [
          { type: 'work', number: '01 42 68 53 00' },
          { type: 'mobile', number: '+33 6 12 34 56 78' },
        ],
        emails: ['claire@acme.example'],
      },
      wasCleaned: false,
    });
    // The right-to-left override is removed; the markup stays text (it is only ever shown as text).
    expect(hugo).toMatchObject({
      kind: 'ok',
      fields: {
        name: '<b>Hugo</b> Lefevre',
        notes: 'Prefers mornings, before 11',
        phones: [{ type: 'work', number: '+33-1-45-67-89-00' }],
      },
      wasCleaned: true,
    });
    expect(nameless).toMatchObject({ kind: 'error', reason: 'error_contact_name_required', line: 16 });
    expect(broken).toMatchObject({ kind: 'error', line: 20 });
  });

  it("reads Outlook's CSV export in Windows-1252, skips empty rows, and refuses a file that is not contacts", async () => {
    const outlook = file('outlook-ansi.csv');
    expect(outlook.encoding).toBe('windows-1252');
    const { rows, missingColumns } = await parseCsv(outlook.text);
    expect(missingColumns).toBe(false);
    expect(rows.map((row) => (row.kind === 'ok' ? row.fields.name : row.kind))).toEqual(['Jean Moreau', 'Léa Garnier']);
    expect(rows[0]).toMatchObject({
      fields: { company: 'Acme', department: 'Sales', title: 'Manager', emails: ['jean@acme.example'] },
    });
    expect(rows[1]).toMatchObject({ fields: { phones: [{ type: 'mobile', number: '06 11 22 33 44' }] } });
    expect((await parseCsv(file('not-contacts.csv').text)).missingColumns).toBe(true);
  });

  it('reads a CSV file longer than what is parsed at once, rows cut across two reads whole', async () => {
    const lines = Array.from(
      { length: 4000 },
      (_each, index) =>
        `"Dupont, Jean ${index}","note ${index}\nsecond line",01 42 68 ${String(index).padStart(4, '0')}`,
    );
    const text = ['Name,Notes,Business Phone', ...lines].join('\r\n');
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const { rows, missingColumns } = await parseCsv(text);
    expect(missingColumns).toBe(false);
    expect(rows).toHaveLength(4000);
    for (const index of [0, 1234, 1235, 3999]) {
      expect(rows[index]).toMatchObject({
        kind: 'ok',
        fields: {
          name: `Dupont, Jean ${index}`,
          notes: `note ${index} second line`,
          phones: [{ number: `01 42 68 ${String(index).padStart(4, '0')}` }],
        },
      });
    }
  });

  it('reads 10 MB of junk as no contact at all, without throwing', async () => {
    const junk = Array.from({ length: 200_000 }, (_each, index) => `x${index},"${'y'.repeat(40)}`).join('\n');
    expect(junk.length).toBeGreaterThan(9_000_000);
    expect((await parseCsv(junk)).missingColumns).toBe(true);
    expect(await parseVCards(junk)).toEqual([]);
  });

  it('writes a vCard that reads back the same', async () => {
    const [row] = await parseVCards(file('mixed.vcf').text);
    if (row?.kind !== 'ok') throw new Error('the first card should read');
    const [again] = await parseVCards(toVCard({ ...row.fields, id: 'personal/1', directoryId: 'personal' }));
    expect(again).toMatchObject({ kind: 'ok', fields: row.fields });
  });

  it('writes a CSV that reads back the same, with no value a spreadsheet would run', async () => {
    const contact = {
      id: 'personal/1',
      directoryId: 'personal',
      name: 'Zoé "Zed" Martin, Jr.',
      company: 'Acme',
      department: 'Sales',
      title: 'Manager',
      location: 'Lyon',
      notes: 'Two lines\nof notes',
      phones: [
        { type: 'work' as const, number: '+33 4 78 12 34 56' },
        { type: 'mobile' as const, number: '06 11 22 33 44' },
      ],
      emails: ['zoe@acme.example'],
    };
    const { rows } = await parseCsv(toCsv([contact, { ...contact, name: '=HYPERLINK("http://evil")' }]));
    expect(rows[0]).toMatchObject({
      kind: 'ok',
      fields: { name: contact.name, phones: contact.phones, emails: contact.emails },
    });
    expect(rows[1]).toMatchObject({ kind: 'ok', fields: { name: `'=HYPERLINK("http://evil")` } });
  });
});
