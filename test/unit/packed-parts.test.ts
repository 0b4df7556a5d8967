import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PACK_SIZE, PackedParts, type PackedContact } from '../../src/background/contacts/packed-parts.ts';
import { SwitchboardDatabase, type PackedPartManifest } from '../../src/background/storage/database.ts';
import { EMPTY_CONTACT_FIELDS } from '../../src/shared/model/contact.ts';

/** 131 packs: more than a keeping read takes (32), so a part is read whole in several. */
const COUNT = 130 * PACK_SIZE + 7;

const DEPARTMENTS = ['Sales', 'Support', 'Legal', 'Logistics', 'IT'];

function contacts(): PackedContact[] {
  return Array.from({ length: COUNT }, (_each, index) => ({
    ...EMPTY_CONTACT_FIELDS,
    id: `c${index}`,
    name: `Contact ${String(index).padStart(5, '0')}`,
    department: DEPARTMENTS[index % DEPARTMENTS.length] ?? '',
    emails: [`c${index}@acme.example`],
    phones: [{ type: 'work', number: `+3314${String(index).padStart(7, '0')}` }],
  }));
}

/** Positions spread through the whole part, one in each of many packs. */
const SPREAD = Array.from({ length: 60 }, (_each, index) => (index * 71) % COUNT);

/** Counts the rows read from a table of IndexedDB (`get`, whoever asks: Dexie or the browser's API). */
function countReads(table: 'contactPacks' | 'contactKeyBlocks'): { readonly count: number } {
  const get = vi.spyOn(IDBObjectStore.prototype, 'get');
  return {
    get count() {
      return get.mock.contexts.filter((store) => (store as IDBObjectStore).name === table).length;
    },
  };
}
const countPackReads = () => countReads('contactPacks');
const countBlockReads = () => countReads('contactKeyBlocks');

/** A part written by one `PackedParts`, then a second on the same database: the background started again. */
async function partWrittenBefore(): Promise<SwitchboardDatabase> {
  const database = new SwitchboardDatabase(`packed-${Math.random()}`);
  await new PackedParts(database).write('part:a', contacts(), 'FR');
  return database;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('packed parts kept in memory', () => {
  it('keeps a part it has just written: its contacts are read without asking IndexedDB', async () => {
    const packed = new PackedParts(new SwitchboardDatabase(`packed-${Math.random()}`));
    await packed.write('part:a', contacts(), 'FR');
    const reads = countPackReads();

    const found = await packed.contactsAt('part:a', SPREAD);

    expect(found.map((contact) => contact?.id)).toEqual(SPREAD.map((position) => `c${position}`));
    expect(reads.count).toBe(0);
  });

  it('reads a part whole when asked, after which scattered contacts are found in memory', async () => {
    const packed = new PackedParts(await partWrittenBefore());
    const reads = countPackReads();
    await packed.contactsAt('part:a', [0]);
    expect(reads.count).toBe(1);

    await packed.keepWhole('part:a');
    const readsBefore = reads.count;
    const found = await packed.contactsAt('part:a', SPREAD);

    expect(found.map((contact) => contact?.id)).toEqual(SPREAD.map((position) => `c${position}`));
    expect(reads.count).toBe(readsBefore);
  });

  it('keeps no more than it may: past that, contacts are read again, and found all the same', async () => {
    const database = await partWrittenBefore();
    // Room for about ten packs.
    const packed = new PackedParts(database, 10 * PACK_SIZE * 130);
    const wholeReads = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    await packed.keepWhole('part:a');
    // One read of 32 packs already holds more than may be kept: the part is not read on.
    expect(wholeReads).toHaveBeenCalledTimes(1);
    const reads = countPackReads();

    const found = await packed.contactsAt('part:a', SPREAD);
    const firstReads = reads.count;
    await packed.contactsAt('part:a', SPREAD);

    expect(found.map((contact) => contact?.id)).toEqual(SPREAD.map((position) => `c${position}`));
    expect(firstReads).toBeGreaterThan(40);
    // Sixty packs read do not all stay: they are read again.
    expect(reads.count - firstReads).toBeGreaterThan(40);
  });

  it('reads a part whole only once searches stop, even searches answered from memory', async () => {
    const packed = new PackedParts(await partWrittenBefore());
    const manifest = (await packed.manifest('part:a'))!;
    await packed.positionsUnder(manifest, 'n:contact', 0, 10);
    const wholeReads = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    let kept = false;
    const reading = packed.keepWhole('part:a').then(() => (kept = true));

    // A receptionist typing fast for a quarter of a second: each search finds its block in memory.
    for (let key = 0; key < 25; key++) {
      await packed.positionsUnder(manifest, 'n:contact', key, 10);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(wholeReads).not.toHaveBeenCalled();
    await reading;

    expect(kept).toBe(true);
    expect(wholeReads).toHaveBeenCalled();
  });

  it('keeps nothing of a part dropped while it was being read', async () => {
    const packed = new PackedParts(await partWrittenBefore());
    const reading = packed.keepWhole('part:a');
    await packed.drop('part:a');
    await reading;

    expect(await packed.contactsAt('part:a', SPREAD)).toEqual(SPREAD.map(() => null));
  });
});

describe('callers named from memory', () => {
  const NUMBERS = Array.from({ length: 40 }, (_each, index) => (index * 97) % COUNT);
  const callersOf = (packed: PackedParts, manifest: PackedPartManifest) =>
    Promise.all(NUMBERS.map((index) => packed.caller(manifest, `+3314${String(index).padStart(7, '0')}`)));
  const expected = NUMBERS.map((index) => ({ id: `c${index}`, name: `Contact ${String(index).padStart(5, '0')}` }));

  it('keeps the number keys of a part it has just written', async () => {
    const packed = new PackedParts(new SwitchboardDatabase(`packed-${Math.random()}`));
    await packed.write('part:a', contacts(), 'FR');
    const manifest = await packed.manifest('part:a');
    const reads = countBlockReads();

    expect(await callersOf(packed, manifest!)).toEqual(expected);
    expect(reads.count).toBe(0);
  });

  it('reads the number keys of a part when asked, after which callers are named without a read', async () => {
    const database = await partWrittenBefore();
    const reads = countBlockReads();
    const notKept = new PackedParts(database);
    expect(await callersOf(notKept, (await notKept.manifest('part:a'))!)).toEqual(expected);
    expect(reads.count).toBeGreaterThan(0);

    const packed = new PackedParts(database);
    const manifest = (await packed.manifest('part:a'))!;
    await packed.keepCallers(manifest);
    const readsBefore = reads.count;

    expect(await callersOf(packed, manifest)).toEqual(expected);
    expect(reads.count).toBe(readsBefore);
  });

  it('keeps no number keys of a part dropped while they were being read', async () => {
    const database = await partWrittenBefore();
    const packed = new PackedParts(database);
    const manifest = (await packed.manifest('part:a'))!;
    const reading = packed.keepCallers(manifest);
    await packed.drop('part:a');
    await reading;
    // Written again under the same name (parts are not, but the blocks kept would then be stale).
    await new PackedParts(database).write('part:a', contacts().slice(0, 10), 'FR');
    const reads = countBlockReads();

    expect(await packed.caller(manifest, '+33140000970')).toBeNull();
    expect(reads.count).toBeGreaterThan(0);
  });
});

describe('runs of digits found in memory', () => {
  // `+3314` then the contact's index on seven digits: `0012` is in contacts 12, 120–129, 1,200–1,299… and others.
  const RUN = 'd:0012';

  it('in a part just written: in name order, without reading a key block', async () => {
    const packed = new PackedParts(new SwitchboardDatabase(`packed-${Math.random()}`));
    await packed.write('part:a', contacts(), 'FR');
    const manifest = (await packed.manifest('part:a'))!;
    const reads = countBlockReads();

    const positions = await packed.positionsUnder(manifest, RUN, 0, 60);

    expect(positions).toEqual([...positions].sort((left, right) => left - right));
    expect(positions.length).toBe(60);
    const found = await packed.contactsAt('part:a', positions);
    expect(found.every((contact) => contact?.phones[0]?.number.includes('0012'))).toBe(true);
    expect(reads.count).toBe(0);
  });

  it('in a part read whole: the same positions as its key blocks give, without reading one', async () => {
    const database = await partWrittenBefore();
    const fromBlocks = new PackedParts(database);
    const manifest = (await fromBlocks.manifest('part:a'))!;
    const everyMatch = await fromBlocks.positionsUnder(manifest, RUN, 0, COUNT);

    const packed = new PackedParts(database);
    await packed.keepWhole('part:a');
    const reads = countBlockReads();
    const positions = await packed.positionsUnder(manifest, RUN, 0, COUNT);

    expect(positions).toEqual([...new Set(everyMatch)].sort((left, right) => left - right));
    expect(reads.count).toBe(0);
  });
});

describe('words found in memory', () => {
  // Two words each (`sales`, `support`), every contact (`contact`), ten names (`00010`…), e-mails (`c12@…`, `c120@…`).
  const PREFIXES = ['n:s', 'n:contact', 'n:0001', 'e:c12', 'n:nobody'];

  /** What the part's key blocks give for each prefix, a page at a time (a fresh `PackedParts` keeps nothing). */
  async function fromBlocks(database: SwitchboardDatabase): Promise<number[][][]> {
    const packed = new PackedParts(database);
    const manifest = (await packed.manifest('part:a'))!;
    return Promise.all(PREFIXES.map((prefix) => pages(packed, manifest, prefix)));
  }

  function pages(packed: PackedParts, manifest: PackedPartManifest, prefix: string): Promise<number[][]> {
    return Promise.all([0, 50, 820, 2600].map((skip) => packed.positionsUnder(manifest, prefix, skip, 50)));
  }

  it('in a part just written: what its key blocks give, without reading one', async () => {
    const database = new SwitchboardDatabase(`packed-${Math.random()}`);
    const packed = new PackedParts(database);
    await packed.write('part:a', contacts(), 'FR');
    const manifest = (await packed.manifest('part:a'))!;
    const reads = countBlockReads();

    const found = await Promise.all(PREFIXES.map((prefix) => pages(packed, manifest, prefix)));

    expect(reads.count).toBe(0);
    const expected = await fromBlocks(database);
    expect(reads.count).toBeGreaterThan(0);
    expect(found).toEqual(expected);
    // Sales then Support, each in name order; every contact; nobody.
    expect(found[0]?.[0]?.slice(0, 3)).toEqual([0, 5, 10]);
    expect(found[0]?.[2]?.slice(13, 15)).toEqual([4165, 1]);
    expect(found[1]?.[3]?.[0]).toBe(2600);
    expect(found[4]).toEqual([[], [], [], []]);
  });

  it('in a part read whole: what its key blocks give, without reading one', async () => {
    const database = await partWrittenBefore();
    const expected = await fromBlocks(database);
    const packed = new PackedParts(database);
    await packed.keepWhole('part:a');
    const manifest = (await packed.manifest('part:a'))!;
    const reads = countBlockReads();

    const found = await Promise.all(PREFIXES.map((prefix) => pages(packed, manifest, prefix)));

    expect(found).toEqual(expected);
    expect(reads.count).toBe(0);
  });

  it('none of a part dropped while it was read whole', async () => {
    const packed = new PackedParts(await partWrittenBefore());
    const manifest = (await packed.manifest('part:a'))!;
    const reading = packed.keepWhole('part:a');
    await packed.drop('part:a');
    await reading;

    expect(await packed.positionsUnder(manifest, 'n:contact', 0, 10)).toEqual([]);
  });
});
