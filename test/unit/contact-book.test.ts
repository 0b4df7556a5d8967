import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ContactBook } from '../../src/background/contacts/contact-book.ts';
import { SwitchboardDatabase } from '../../src/background/storage/database.ts';
import { EMPTY_CONTACT_FIELDS, type ContactFields } from '../../src/shared/model/contact.ts';

const contact = (fields: Partial<ContactFields>): ContactFields => ({ ...EMPTY_CONTACT_FIELDS, ...fields });

function book(): ContactBook {
  return new ContactBook(new SwitchboardDatabase(`contacts-${Math.random()}`), 'FR');
}

describe('the contact book', () => {
  it('finds contacts by the start of any word of their name, company or department, and by any run of digits', async () => {
    const contacts = book();
    await contacts.save(
      'personal',
      null,
      contact({ name: 'Élodie Martin', company: 'Acme', phones: [{ type: 'work', number: '01 42 68 53 00' }] }),
    );
    await contacts.save(
      'personal',
      null,
      contact({
        name: 'Martin Durand',
        department: 'Comptabilité',
        phones: [{ type: 'mobile', number: '+33 6 12 34 56 78' }],
      }),
    );
    await contacts.save(
      'company',
      null,
      contact({ name: 'Bob Martinez', phones: [{ type: 'extension', number: '201' }] }),
    );
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
    const contacts = book();
    for (let index = 0; index < 70; index++)
      await contacts.save(
        'company',
        null,
        contact({
          name: `Hidden ${index}`,
          phones: [{ type: 'work', number: `05 55 00 00 ${String(index).padStart(2, '0')}` }],
        }),
      );
    await contacts.save(
      'personal',
      null,
      contact({ name: 'Visible', phones: [{ type: 'work', number: '05 55 99 99 99' }] }),
    );
    const found = await contacts.search('555', ['personal']);
    expect(found.map((group) => group.contacts.map((each) => each.name))).toEqual([['Visible']]);
    // Searched too, the others fill the screenful (50) without a row too many.
    const both = await contacts.search('555', ['personal', 'company']);
    expect(both.reduce((sum, group) => sum + group.contacts.length, 0)).toBe(50);
  });

  it('identifies a caller by the number in any format, in the first directory that knows it', async () => {
    const contacts = book();
    const id = await contacts.save(
      'personal',
      null,
      contact({ name: 'Élodie Martin', phones: [{ type: 'work', number: '01 42 68 53 00' }] }),
    );
    await contacts.save(
      'company',
      null,
      contact({ name: 'Accueil Acme', phones: [{ type: 'work', number: '+33142685300' }] }),
    );
    await contacts.save('company', null, contact({ name: 'Bob', phones: [{ type: 'extension', number: '201' }] }));
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
    expect(await database.contacts.count()).toBe(9);
  });

  it('stages a large part of an import a slice at a time, every contact kept, in the order written', async () => {
    const database = new SwitchboardDatabase(`contacts-${Math.random()}`);
    const contacts = new ContactBook(database, 'FR');
    const writes = vi.spyOn(database.contacts, 'bulkPut');
    const names = Array.from({ length: 250 }, (_each, index) => `Imported ${String(index).padStart(3, '0')}`);
    await contacts.stage(
      'big',
      names.map((name) => contact({ name })),
    );
    // Written in slices (the background answers the calls' messages between them), none of more than 100.
    expect(writes.mock.calls.map(([rows]) => rows.length)).toEqual([100, 100, 50]);
    expect(await contacts.commit('big', 'personal', 'replace')).toBe(250);
    const listed = await contacts.list('personal', 0, 300);
    expect(listed.map((each) => each.name)).toEqual(names);
    // Ids in the order written, as IndexedDB appends them.
    expect(listed.map((each) => each.id)).toEqual(listed.map((each) => each.id).sort());
  });

  it('shows a server directory read whole only once it is all written', async () => {
    const database = new SwitchboardDatabase(`contacts-${Math.random()}`);
    const contacts = new ContactBook(database, 'FR');
    const make = (name: string, id: string) => ({ ...contact({ name }), id, directoryId: 'company' });
    await contacts.replaceDirectory('company', [make('First', 'company/1'), make('Second', 'company/2')]);
    await contacts.replaceDirectory('company', [make('Second', 'company/2'), make('Third', 'company/3')]);
    expect((await contacts.list('company', 0, 10)).map((each) => each.name)).toEqual(['Second', 'Third']);
    expect(await database.contacts.count()).toBe(2);
    await contacts.applyChanges('company', [make('Fourth', 'company/4')], ['company/2']);
    expect((await contacts.list('company', 0, 10)).map((each) => each.name)).toEqual(['Fourth', 'Third']);
  });

  it('keys numbers again in the new country when the office moves', async () => {
    const contacts = book();
    await contacts.save(
      'personal',
      null,
      contact({ name: 'Londres', phones: [{ type: 'work', number: '020 7946 0958' }] }),
    );
    expect(await contacts.identify('+442079460958', ['personal'])).toBeNull();
    await contacts.reindex('GB');
    expect((await contacts.identify('+442079460958', ['personal']))?.name).toBe('Londres');
  });
});
