import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactBook } from '../../src/background/contacts/contact-book.ts';
import { syncDirectory } from '../../src/background/contacts/directory-sync.ts';
import { SwitchboardDatabase } from '../../src/background/storage/database.ts';
import type { DirectorySource, DirectorySyncState } from '../../src/shared/model/directory-source.ts';
import { Radicale, RADICALE_PASSWORD, RADICALE_USER, type SeedContact } from '../support/radicale.ts';
import { fileURLToPath } from 'node:url';
import { createLabLogger } from '../../lab/src/log.ts';
import { startLab, type RunningLab } from '../../lab/src/start-lab.ts';

const OFFICE = fileURLToPath(new URL('../fixtures/lab-office.json', import.meta.url));

const NEVER: DirectorySyncState = { syncToken: null, lastSyncedAt: null, error: null };

const colleagues = (count: number, from = 0): SeedContact[] =>
  Array.from({ length: count }, (_each, index) => ({
    uid: `c${from + index}`,
    name: `Colleague ${from + index}`,
    number: `+331426${String(from + index).padStart(5, '0')}`,
    department: index % 2 === 0 ? 'Sales' : 'Support',
  }));

/** The company directory from a real CardDAV server (Radicale), read with RFC 6578 sync tokens. */
describe('a CardDAV directory', () => {
  let radicale: Radicale;
  beforeAll(async () => {
    radicale = await Radicale.start();
    await radicale.put(colleagues(30));
  });
  afterAll(async () => radicale?.stop());

  const source = (patch: Partial<DirectorySource> = {}): DirectorySource => ({
    id: 'company',
    kind: 'company',
    name: 'Acme',
    type: 'carddav',
    url: radicale.bookUrl,
    username: RADICALE_USER,
    password: RADICALE_PASSWORD,
    ...patch,
  });

  it('reads every contact the first time, then only what changed, and keeps its copy when the server fails', async () => {
    const book = new ContactBook(new SwitchboardDatabase(`carddav-${Math.random()}`), 'FR');
    const first = await syncDirectory(source(), NEVER, book, 1000);
    expect(first.error).toBeNull();
    expect(first.syncToken).toMatch(/./);
    expect(await book.count('company')).toBe(30);
    expect((await book.identify('01 42 60 00 07', ['company']))?.name).toBe('Colleague 7');

    // Two added, one changed, one deleted: the next sync brings exactly that.
    await radicale.put([...colleagues(2, 30), { uid: 'c3', name: 'Colleague Three', number: '+33142600003' }]);
    await radicale.remove('c4');
    const second = await syncDirectory(source(), first, book, 2000);
    expect(second.error).toBeNull();
    expect(second.syncToken).not.toBe(first.syncToken);
    expect(await book.count('company')).toBe(31);
    expect((await book.identify('+33142600003', ['company']))?.name).toBe('Colleague Three');
    expect(await book.identify('+33142600004', ['company'])).toBeNull();

    // A token the server does not know: one full read, nothing doubled.
    const renewed = await syncDirectory(
      source(),
      { ...second, syncToken: 'http://radicale.org/ns/sync/unknown' },
      book,
      3000,
    );
    expect(renewed.error).toBeNull();
    expect(await book.count('company')).toBe(31);

    // A wrong password, a wrong address, a dead server: said clearly, the copy kept.
    expect((await syncDirectory(source({ password: 'wrong' }), renewed, book)).error).toBe(
      'error_directory_unauthorized',
    );
    expect((await syncDirectory(source({ url: `${radicale.bookUrl}nope/` }), renewed, book)).error).toMatch(
      /error_directory_(not_found|forbidden|server)/,
    );
    expect((await syncDirectory(source({ url: 'http://127.0.0.1:9/x/' }), renewed, book)).error).toBe(
      'error_directory_unreachable',
    );
    expect(await book.count('company')).toBe(31);
  });
});

/** The company directory from BroadWorks XSI (`directories/Enterprise`, paged), served by the lab's XSI-Actions. */
describe('a BroadWorks Enterprise directory through XSI', () => {
  let lab: RunningLab;
  beforeAll(async () => {
    lab = await startLab({ officePath: OFFICE, withCallers: false, log: createLabLogger(true) });
  });
  afterAll(async () => lab?.stop());

  const source = (password: string): DirectorySource => ({
    id: 'company',
    kind: 'company',
    name: 'Lab office',
    type: 'xsi',
    url: lab.xsiUrl,
    username: `${lab.office.reception.user}@${lab.office.domain}`,
    password,
  });

  it('reads every colleague with extension, e-mail and department, keeps ids across reads, and says a wrong password', async () => {
    const book = new ContactBook(new SwitchboardDatabase(`xsi-${Math.random()}`), 'FR');
    const first = await syncDirectory(source(lab.office.reception.password), NEVER, book, 1000);
    expect(first).toMatchObject({ error: null, lastSyncedAt: 1000 });
    expect(await book.count('company')).toBe(lab.office.colleagues.length);
    const alice = await book.identify('201', ['company']);
    expect(alice?.name).toBe('Alice Martin');
    const [contact] = await book.get([alice?.contactId ?? '']);
    expect(contact).toMatchObject({
      department: 'Sales',
      phones: [{ type: 'extension', number: '201' }],
      emails: [`201@${lab.office.domain}`],
    });
    // Read again: the same ids (a favourite stays one).
    await syncDirectory(source(lab.office.reception.password), first, book, 2000);
    expect((await book.identify('201', ['company']))?.contactId).toBe(alice?.contactId);
    // A wrong password: said, and the copy kept.
    const refused = await syncDirectory(source('wrong'), first, book, 3000);
    expect(refused).toMatchObject({ error: 'error_directory_unauthorized', lastSyncedAt: 1000 });
    expect(await book.count('company')).toBe(lab.office.colleagues.length);
  });
});
