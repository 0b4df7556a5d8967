import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { CallHistory } from '../../src/background/call-history.ts';
import { ContactBook } from '../../src/background/contacts/contact-book.ts';
import { DATABASE_VERSIONS, SwitchboardDatabase } from '../../src/background/storage/database.ts';
import { LOCAL_MIGRATIONS, STORAGE_VERSION } from '../../src/background/storage/migrate-local-storage.ts';
import { STORED_KEYS } from '../../src/background/storage/stored-keys.ts';
import type { CallId } from '../../src/shared/model/call.ts';
import type { CallRecord } from '../../src/shared/model/call-record.ts';
import { EMPTY_CONTACT_FIELDS } from '../../src/shared/model/contact.ts';

const FIXTURES = new URL('../fixtures/storage/', import.meta.url);
const MIGRATIONS = new URL('../../src/background/storage/database-migrations/', import.meta.url);

function fixture(version: number): { callHistory: CallRecord[] } {
  return JSON.parse(readFileSync(new URL(`database-v${version}.json`, FIXTURES), 'utf8')) as {
    callHistory: CallRecord[];
  };
}

/** Writes a database exactly as version `version` of the schema had it, then closes it. */
async function writeOldDatabase(name: string, version: number, stores: Record<string, string>, rows: unknown[]) {
  const old = new Dexie(name);
  old.version(version).stores(stores);
  await old.table('callHistory').bulkPut(rows);
  old.close();
}

describe('the database migrates, nothing lost', () => {
  it('numbers its versions 1, 2, 3…, each after the first with its upgrade file and a frozen fixture of the one before', () => {
    expect([...DATABASE_VERSIONS]).toEqual(DATABASE_VERSIONS.map((_version, index) => index + 1));
    const files = readdirSync(MIGRATIONS);
    for (const version of DATABASE_VERSIONS.slice(1)) {
      expect(
        files.filter((file) => file.startsWith(`v${version}-`)),
        `migration file for version ${version}`,
      ).toHaveLength(1);
      expect(existsSync(new URL(`database-v${version - 1}.json`, FIXTURES)), `fixture of version ${version - 1}`).toBe(
        true,
      );
    }
  });

  it('opens a version-1 history (release 0.1) with every row, now found through the search index', async () => {
    const name = `upgrade-${Math.random()}`;
    const rows = fixture(1).callHistory;
    await writeOldDatabase(name, 1, { callHistory: 'id, endedAt' }, rows);

    const database = new SwitchboardDatabase(name);
    const history = new CallHistory(database);
    expect(await history.list({ filter: 'all', search: '', limit: 10 })).toEqual([...rows].reverse());
    // The upgrade wrote each row's keys: searches go through the index, in any format of number.
    const found = async (search: string) =>
      (await history.list({ filter: 'all', search, limit: 10 })).map((row) => row.id);
    expect(await found('martin')).toEqual(['call-m3x1-1']);
    expect(await found('élo')).toEqual(['call-m3x1-3']);
    expect(await found('06 12 34')).toEqual([]);
    expect(await found('612 34')).toEqual(['call-m3x1-1']);
    expect(await found('bob')).toEqual(['call-m3x1-3']);
    expect(await found('20')).toEqual(['call-m3x1-2']);
    expect((await database.callHistory.get('call-m3x1-1' as CallId))?.searchKeys).toContain('d:612345678');
    database.close();
  });

  it('opens a version-2 database (release 0.2) with every history row, and an empty contacts table beside it', async () => {
    const name = `upgrade-${Math.random()}`;
    const rows = fixture(2).callHistory;
    await writeOldDatabase(name, 2, { callHistory: 'id, endedAt, *searchKeys' }, rows);

    const database = new SwitchboardDatabase(name);
    expect(await database.callHistory.count()).toBe(rows.length);
    expect(await database.callHistory.get('call-m3x1-1' as CallId)).toEqual(rows[0]);
    expect(await database.contacts.count()).toBe(0);
    // The new indexes answer.
    expect(await database.contacts.where('phoneKeys').equals('+33612345678').count()).toBe(0);
    database.close();
  });

  it('opens a version-3 database (release 0.3) with every contact, found, listed and identified; an import packs them', async () => {
    const name = `upgrade-${Math.random()}`;
    const v3 = JSON.parse(readFileSync(new URL('database-v3.json', FIXTURES), 'utf8')) as {
      callHistory: CallRecord[];
      contacts: unknown[];
      directoryParts: unknown[];
    };
    const old = new Dexie(name);
    old.version(3).stores({
      callHistory: 'id, endedAt, *searchKeys',
      contacts: 'id, directoryId, [directoryId+sortName], *searchKeys, *phoneKeys',
      directoryParts: 'directoryId',
    });
    await old.table('callHistory').bulkPut(v3.callHistory);
    await old.table('contacts').bulkPut(v3.contacts);
    await old.table('directoryParts').bulkPut(v3.directoryParts);
    old.close();

    const database = new SwitchboardDatabase(name);
    const contacts = new ContactBook(database, 'FR');
    expect(await database.callHistory.count()).toBe(v3.callHistory.length);
    const names = async (text: string) =>
      (await contacts.search(text, ['personal', 'outlook'])).map((group) => [
        group.directoryId,
        group.contacts.map((each) => each.name),
      ]);
    expect(await names('elo')).toEqual([['personal', ['Élodie Martin']]]);
    expect(await names('ventes')).toEqual([['outlook', ['Chloé Petit']]]);
    expect(await names('3456')).toEqual([
      ['personal', ['Bruno Durand']],
      ['outlook', ['Chloé Petit']],
    ]);
    expect((await contacts.identify('+33142685300', ['personal']))?.contactId).toBe('personal/0b7c1f7e-1');
    expect((await contacts.list('outlook', 0, 10)).map((each) => each.name)).toEqual(['Chloé Petit']);

    // Adding an import to a directory of version 3 writes the directory again, packed, its contacts' ids kept.
    await contacts.stage('t', [{ ...EMPTY_CONTACT_FIELDS, name: 'Alain Roux' }]);
    await contacts.commit('t', 'personal', 'add');
    expect(
      (await contacts.list('personal', 0, 10)).map((each) => [each.name, each.id.startsWith('personal/')]),
    ).toEqual([
      ['Alain Roux', false],
      ['Bruno Durand', true],
      ['Élodie Martin', true],
    ]);
    expect(await names('bruno')).toEqual([['personal', ['Bruno Durand']]]);
    expect(await database.contacts.where('directoryId').equals('personal').count()).toBe(0);
    database.close();
  });
});

describe('storage.local migrates, nothing lost', () => {
  it('numbers its migrations 1, 2, 3…, each with a frozen fixture of the profile before it', () => {
    expect(LOCAL_MIGRATIONS.map((migration) => migration.version)).toEqual(
      LOCAL_MIGRATIONS.map((_migration, index) => index + 1),
    );
    expect(STORAGE_VERSION).toBe(LOCAL_MIGRATIONS.length);
    for (const migration of LOCAL_MIGRATIONS) {
      expect(
        existsSync(new URL(`local-v${migration.version - 1}.json`, FIXTURES)),
        `fixture of version ${migration.version - 1}`,
      ).toBe(true);
    }
  });

  it('lists every stored key in docs/ARCHITECTURE.md, with its area', () => {
    const architecture = readFileSync(new URL('../../docs/ARCHITECTURE.md', import.meta.url), 'utf8');
    const missing = Object.values(STORED_KEYS).filter(
      (entry) =>
        !architecture.split('\n').some((line) => line.startsWith(`| \`storage.${entry.area}\` | \`${entry.key}\``)),
    );
    expect(missing.map((entry) => entry.key)).toEqual([]);
  });
});
