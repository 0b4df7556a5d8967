import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ContactBook } from '../../src/background/contacts/contact-book.ts';
import { SwitchboardDatabase } from '../../src/background/storage/database.ts';
import { EMPTY_CONTACT_FIELDS, type ContactFields } from '../../src/shared/model/contact.ts';

const contact = (fields: Partial<ContactFields>): ContactFields => ({ ...EMPTY_CONTACT_FIELDS, ...fields });

function book(): ContactBook {
  return new ContactBook(new SwitchboardDatabase(`contacts-${Math.random()}`), 'FR');
}

/** How a test's contacts get into the book: each saved as the receptionist adds one (loose), or imported (packed). */
const FILLINGS = ['saved one by one', 'imported'] as const;

async function filledBook(
  filling: (typeof FILLINGS)[number],
  entries: readonly (readonly [string, ContactFields])[],
): Promise<ContactBook> {
  const contacts = book();
  if (filling === 'saved one by one') {
    for (const [directoryId, fields] of entries) await contacts.save(directoryId, null, fields);
    return contacts;
  }
  for (const directoryId of new Set(entries.map(([directoryId]) => directoryId))) {
    const fields = entries.filter(([each]) => each === directoryId).map(([, each]) => each);
    await contacts.stage(`fill-${directoryId}`, fields);
    await contacts.commit(`fill-${directoryId}`, directoryId, 'replace');
  }
  return contacts;
}

describe.each(FILLINGS)('the contact book, contacts %s', (filling) => {
  it('finds contacts by the start of any word of their name, company or department, and by any run of digits', async () => {
    const contacts = await filledBook(filling, [
      [
        'personal',
        contact({ name: 'Élodie Martin', company: 'Acme', phones: [{ type: 'work', number: '01 42 68 53 00' }] }),
      ],
      [
        'personal',
        contact({
          name: 'Martin Durand',
          department: 'Comptabilité',
          phones: [{ type: 'mobile', number: '+33 6 12 34 56 78' }],
        }),
      ],
      ['company', contact({ name: 'Bob Martinez', phones: [{ type: 'extension', number: '201' }] })],
    ]);

    const names = async (text: string, directories = ['personal', 'company']) =>
      (await contacts.search(text, directories)).map((group) => [
        group.directoryId,
        group.contacts.map((each) => each.name),
      ]);

    expect(await names('mart')).toEqual([
      ['personal', ['Élodie Martin', 'Martin Durand']],
      ['company', ['Bob Martinez']],
    ]);
    // Accents or none, as the receptionist types.
    expect(await names('elodie')).toEqual([['personal', ['Élodie Martin']]]);
    expect(await names('ÉLODIE')).toEqual([['personal', ['Élodie Martin']]]);
    expect(await names('élo mar')).toEqual([['personal', ['Élodie Martin']]]);
    expect(await names('compta')).toEqual([['personal', ['Martin Durand']]]);
    expect(await names('6853')).toEqual([['personal', ['Élodie Martin']]]);
    expect(await names('34 56')).toEqual([['personal', ['Martin Durand']]]);
    // Numbers are indexed by the tails starting at an even position: a run starting at an odd one (the last two
    // digits of 33612345678, "01" in 201) is found under the tail before it.
    expect(await names('78')).toEqual([['personal', ['Martin Durand']]]);
    expect(await names('01')).toEqual([
      ['personal', ['Élodie Martin']],
      ['company', ['Bob Martinez']],
    ]);
    expect(await names('3361234567')).toEqual([['personal', ['Martin Durand']]]);
    // A directory not asked for (hidden) is not searched.
    expect(await names('mart', ['company'])).toEqual([['company', ['Bob Martinez']]]);
  });

  it('finds a run of digits past a screenful of contacts in directories not searched', async () => {
    const contacts = await filledBook(filling, [
      ...Array.from(
        { length: 70 },
        (_each, index) =>
          [
            'company',
            contact({
              name: `Hidden ${index}`,
              phones: [{ type: 'work', number: `05 55 00 00 ${String(index).padStart(2, '0')}` }],
            }),
          ] as const,
      ),
      ['personal', contact({ name: 'Visible', phones: [{ type: 'work', number: '05 55 99 99 99' }] })],
    ]);
    const found = await contacts.search('555', ['personal']);
    expect(found.map((group) => group.contacts.map((each) => each.name))).toEqual([['Visible']]);
    // Searched too, the others fill the screenful (50) without a row too many.
    const both = await contacts.search('555', ['personal', 'company']);
    expect(both.reduce((sum, group) => sum + group.contacts.length, 0)).toBe(50);
  });

  it('identifies a caller by the number in any format, in the first directory that knows it', async () => {
    const contacts = await filledBook(filling, [
      ['personal', contact({ name: 'Élodie Martin', phones: [{ type: 'work', number: '01 42 68 53 00' }] })],
      ['company', contact({ name: 'Accueil Acme', phones: [{ type: 'work', number: '+33142685300' }] })],
      ['company', contact({ name: 'Bob', phones: [{ type: 'extension', number: '201' }] })],
    ]);
    const id = (await contacts.list('personal', 0, 1))[0]?.id;
    for (const number of [
      '+33142685300',
      '0142685300',
      '0033 1 42 68 53 00',
      'sip:+33142685300@pbx.example',
      'tel:+33-1-42-68-53-00',
    ]) {
      expect(await contacts.identify(number, ['personal', 'company']), number).toEqual({
        name: 'Élodie Martin',
        contactId: id,
        directoryId: 'personal',
      });
    }
    expect((await contacts.identify('0142685300', ['company']))?.name).toBe('Accueil Acme');
    expect((await contacts.identify('201', ['personal', 'company']))?.name).toBe('Bob');
    expect((await contacts.identify('sip:201@pbx.example', ['company']))?.name).toBe('Bob');
    expect(await contacts.identify('0142685301', ['personal', 'company'])).toBeNull();
    expect(await contacts.identify('', ['personal'])).toBeNull();
  });

  it('keys numbers again in the new country when the office moves', async () => {
    const contacts = await filledBook(filling, [
      ['personal', contact({ name: 'Londres', phones: [{ type: 'work', number: '020 7946 0958' }] })],
    ]);
    expect(await contacts.identify('+442079460958', ['personal'])).toBeNull();
    await contacts.reindex('GB');
    expect((await contacts.identify('+442079460958', ['personal']))?.name).toBe('Londres');
  });
});

describe('the contact book', () => {
  it('lands an import whole when confirmed, and leaves the directory as it was when abandoned', async () => {
    const database = new SwitchboardDatabase(`contacts-${Math.random()}`);
    const contacts = new ContactBook(database, 'FR');
    await contacts.save('outlook', null, contact({ name: 'Old One' }));
    await contacts.stage('t1', [contact({ name: 'New A' }), contact({ name: 'New B' })]);
    await contacts.stage('t1', [contact({ name: 'New C' })]);
    // Staged contacts are found nowhere until confirmed.
    expect(await contacts.search('new', ['outlook'])).toEqual([]);
    expect(await contacts.commit('t1', 'outlook', 'replace')).toBe(3);
    expect((await contacts.list('outlook', 0, 10)).map((each) => each.name)).toEqual(['New A', 'New B', 'New C']);

    await contacts.stage('t2', [contact({ name: 'Never' })]);
    await contacts.abandon('t2');
    expect(await contacts.count('outlook')).toBe(3);
    await contacts.stage('t3', [contact({ name: 'Added' })]);
    expect(await contacts.commit('t3', 'outlook', 'add')).toBe(1);
    expect(await contacts.count('outlook')).toBe(4);
    // Adding more than the directory holds: the directory's own contacts join the import's part instead.
    await contacts.stage('t4', [
      contact({ name: 'Big 1' }),
      contact({ name: 'Big 2' }),
      contact({ name: 'Big 3' }),
      contact({ name: 'Big 4' }),
      contact({ name: 'Big 5' }),
    ]);
    expect(await contacts.commit('t4', 'outlook', 'add')).toBe(5);
    expect(await contacts.count('outlook')).toBe(9);
    const listed = await contacts.list('outlook', 0, 20);
    expect(listed.every((each) => each.directoryId === 'outlook')).toBe(true);
    expect((await contacts.get([listed[0]?.id ?? '']))[0]?.directoryId).toBe('outlook');

    // A console started again finds every directory where it was, and drops an import left unconfirmed.
    await contacts.stage('t5', [contact({ name: 'Left behind' })]);
    const again = new ContactBook(database, 'FR');
    await again.dropStaged();
    expect(await again.count('outlook')).toBe(9);
    expect((await again.search('left', ['outlook', 'personal'])).length).toBe(0);
    // Nothing else is left in the database: the directory's one packed part, no loose row, no staged pack.
    expect(await database.contacts.count()).toBe(0);
    expect((await database.contactPackedParts.toArray()).map((part) => part.total)).toEqual([9]);
    expect(new Set((await database.contactPacks.toArray()).map((pack) => pack.part)).size).toBe(1);
    expect(new Set((await database.contactKeyBlocks.toArray()).map((block) => block.part)).size).toBe(1);
  });

  it('leaves the directory as it was, and nothing of the import behind, when writing it fails half-way', async () => {
    const database = new SwitchboardDatabase(`contacts-${Math.random()}`);
    const contacts = new ContactBook(database, 'FR');
    await contacts.stage('first', [contact({ name: 'Kept', phones: [{ type: 'work', number: '0142685300' }] })]);
    await contacts.commit('first', 'personal', 'replace');
    await contacts.stage(
      'second',
      Array.from({ length: 100 }, (_each, index) => contact({ name: `New ${index}` })),
    );
    // The disk fills while the key blocks are written, after the packs.
    const writes = vi
      .spyOn(database.contactKeyBlocks, 'bulkPut')
      .mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(contacts.commit('second', 'personal', 'replace')).rejects.toThrow('QuotaExceededError');
    expect(writes).toHaveBeenCalled();
    writes.mockRestore();
    expect((await contacts.list('personal', 0, 10)).map((each) => each.name)).toEqual(['Kept']);
    expect((await contacts.identify('+33142685300', ['personal']))?.name).toBe('Kept');
    expect(await contacts.search('new', ['personal'])).toEqual([]);
    // Only the shown part and the import still staged (to confirm again or give up) are stored.
    const parts = new Set((await database.contactPacks.toArray()).map((pack) => pack.part));
    expect(parts.size).toBe(2);
    expect(parts.has('part:second')).toBe(true);
    await contacts.abandon('second');
    expect(new Set((await database.contactPacks.toArray()).map((pack) => pack.part)).size).toBe(1);
  });

  it('stages an import in packs, and lists it in name order once confirmed', async () => {
    const database = new SwitchboardDatabase(`contacts-${Math.random()}`);
    const contacts = new ContactBook(database, 'FR');
    const names = Array.from({ length: 250 }, (_each, index) => `Imported ${String(index).padStart(3, '0')}`);
    await contacts.stage(
      'big',
      [...names.slice(0, 200)].reverse().map((name) => contact({ name })),
    );
    await contacts.stage(
      'big',
      names.slice(200).map((name) => contact({ name })),
    );
    // Packs of 128 rows at most, the contacts' ids in the order written.
    const staged = await database.contactPacks.where('part').equals('part:big').sortBy('seq');
    expect(staged.map((pack) => pack.contacts.length)).toEqual([128, 72, 50]);
    const ids = staged.flatMap((pack) => pack.contacts.map((json) => (JSON.parse(json) as { id: string }).id));
    expect(ids).toEqual([...ids].sort());
    expect(await contacts.commit('big', 'personal', 'replace')).toBe(250);
    expect((await contacts.list('personal', 0, 300)).map((each) => each.name)).toEqual(names);
    expect((await contacts.list('personal', 120, 5)).map((each) => each.name)).toEqual(names.slice(120, 125));
    expect(await database.contactPacks.where('part').equals('part:big').count()).toBe(0);
  });

  it('shows a server directory read whole only once it is all written', async () => {
    const database = new SwitchboardDatabase(`contacts-${Math.random()}`);
    const contacts = new ContactBook(database, 'FR');
    const make = (name: string, id: string) => ({ ...contact({ name }), id, directoryId: 'company' });
    await contacts.replaceDirectory('company', [make('First', 'company/1'), make('Second', 'company/2')]);
    await contacts.replaceDirectory('company', [make('Second', 'company/2'), make('Third', 'company/3')]);
    expect((await contacts.list('company', 0, 10)).map((each) => each.name)).toEqual(['Second', 'Third']);
    // The first read's part is gone.
    expect((await database.contactPackedParts.toArray()).map((part) => part.total)).toEqual([2]);
    await contacts.applyChanges('company', [make('Fourth', 'company/4')], ['company/2']);
    expect((await contacts.list('company', 0, 10)).map((each) => each.name)).toEqual(['Fourth', 'Third']);
  });

  it('changes, removes and adds to an imported directory: listed, found and identified as it now is', async () => {
    const contacts = book();
    const numberOf = (index: number) => `01 40 00 0${String(index).padStart(3, '0')}`;
    const names = Array.from({ length: 150 }, (_each, index) => `Person ${String(index).padStart(3, '0')}`);
    await contacts.stage(
      'import',
      names.map((name, index) => contact({ name, phones: [{ type: 'work', number: numberOf(index) }] })),
    );
    await contacts.commit('import', 'personal', 'replace');
    const ids = new Map((await contacts.list('personal', 0, 200)).map((each) => [each.name, each.id]));
    const changedId = ids.get('Person 010') ?? '';
    const removedId = ids.get('Person 020') ?? '';
    await contacts.save('personal', changedId, contact({ name: 'Aaron', phones: [{ type: 'work', number: '0611' }] }));
    await contacts.remove(removedId);
    await contacts.save('personal', null, contact({ name: 'Person 070b' }));
    await contacts.save('personal', null, contact({ name: 'Zed' }));

    const expected = ['Aaron', ...names.filter((name) => name !== 'Person 010' && name !== 'Person 020')];
    expected.splice(expected.indexOf('Person 070') + 1, 0, 'Person 070b');
    expected.push('Zed');
    expect(await contacts.count('personal')).toBe(151);
    expect((await contacts.list('personal', 0, 200)).map((each) => each.name)).toEqual(expected);
    // Any page, wherever it starts among the packs (64 contacts each) and the loose rows between them.
    for (const offset of [0, 1, 9, 62, 63, 64, 65, 70, 127, 128, 129, 146, 150]) {
      expect(
        (await contacts.list('personal', offset, 7)).map((each) => each.name),
        `page at ${offset}`,
      ).toEqual(expected.slice(offset, offset + 7));
    }
    const found = async (text: string) =>
      (await contacts.search(text, ['personal'])).flatMap((group) => group.contacts.map((each) => each.name));
    expect(await found('aaron')).toEqual(['Aaron']);
    expect(await found('person 010')).toEqual([]);
    expect(await found('person 02')).toEqual(names.slice(21, 30));
    expect(await found('40000010')).toEqual([]);
    expect((await contacts.identify(numberOf(10), ['personal']))?.name).toBeUndefined();
    expect((await contacts.identify(numberOf(20), ['personal']))?.name).toBeUndefined();
    expect((await contacts.identify(numberOf(30), ['personal']))?.name).toBe('Person 030');
    expect((await contacts.identify('0611', ['personal']))?.name).toBe('Aaron');
    // The changed contact keeps its id; the removed one is gone.
    expect((await contacts.get([changedId, removedId, ids.get('Person 100') ?? ''])).map((each) => each.name)).toEqual([
      'Aaron',
      'Person 100',
    ]);
  });
});
