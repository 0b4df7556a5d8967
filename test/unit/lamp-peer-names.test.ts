import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Lamp } from '../../src/shared/model/lamp.ts';

vi.mock('../../src/platform/browser.ts', async () => (await import('../support/fake-browser.ts')).fakePlatform());

const { ContactsService, PEER_NAMES_REMEMBERED } = await import('../../src/background/contacts/contacts-service.ts');
const { ContactBook } = await import('../../src/background/contacts/contact-book.ts');
const { SwitchboardDatabase } = await import('../../src/background/storage/database.ts');
const { SettingsStore } = await import('../../src/background/settings-store.ts');
const { StateHub } = await import('../../src/background/state-hub.ts');
const { createLogger } = await import('../../src/shared/log.ts');
const { EMPTY_CONTACT_FIELDS, PERSONAL_DIRECTORY } = await import('../../src/shared/model/contact.ts');

/** A colleague's lamp talking with `peer` (a caller's number, as a PBX's dialog state gives it). */
const talkingWith = (line: number, peer: string): Lamp => ({
  id: String(200 + line),
  state: 'talking',
  peer,
  since: 1_000,
  pickup: null,
  problem: null,
  service: null,
});

/** The background's contacts with one named caller in the personal directory; every directory lookup counted. */
async function contactsWithOneCaller() {
  const log = createLogger('lamp-peer-names-test');
  const hub = new StateHub(log);
  const book = new ContactBook(new SwitchboardDatabase(`lamp-peers-${Math.random()}`), 'FR');
  await book.save(PERSONAL_DIRECTORY, null, {
    ...EMPTY_CONTACT_FIELDS,
    name: 'Claire Martin',
    phones: [{ type: 'work', number: '+33 1 40 20 30 40' }],
  });
  const service = new ContactsService(book, new SettingsStore(log), hub, log);
  await service.refresh();
  const lookups = vi.spyOn(book, 'identify');
  return { hub, service, lookups };
}

describe('who the colleagues are talking with, on their lamps', () => {
  it('names a caller once, and again without a lookup when the caller comes back at another line', async () => {
    const { hub, service, lookups } = await contactsWithOneCaller();

    await service.identifyLampPeers([talkingWith(1, '0140203040')]);
    expect(hub.state.lampPeers).toEqual({ '0140203040': 'Claire Martin' });
    expect(lookups).toHaveBeenCalledTimes(1);

    await service.identifyLampPeers([]);
    expect(hub.state.lampPeers).toEqual({});
    await service.identifyLampPeers([talkingWith(2, '0140203040')]);
    expect(hub.state.lampPeers).toEqual({ '0140203040': 'Claire Martin' });
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('forgets the least recently shown callers beyond what it keeps', async () => {
    const { hub, service, lookups } = await contactsWithOneCaller();
    const strangers = Array.from(
      { length: PEER_NAMES_REMEMBERED },
      (_, index) => `01${String(index).padStart(8, '0')}`,
    );

    await service.identifyLampPeers([talkingWith(0, '0140203040')]);
    // The named caller stays on one lamp while as many other callers as are kept come and go on another.
    for (const stranger of strangers) {
      await service.identifyLampPeers([talkingWith(0, '0140203040'), talkingWith(1, stranger)]);
    }
    expect(lookups).toHaveBeenCalledTimes(1 + PEER_NAMES_REMEMBERED);
    expect(hub.state.lampPeers).toEqual({ '0140203040': 'Claire Martin' });

    // The first stranger was shown least recently of all: forgotten, looked up again. The last one is still known.
    await service.identifyLampPeers([talkingWith(0, '0140203040'), talkingWith(1, strangers[0] ?? '')]);
    expect(lookups).toHaveBeenCalledTimes(2 + PEER_NAMES_REMEMBERED);
    await service.identifyLampPeers([talkingWith(1, strangers.at(-1) ?? '')]);
    expect(lookups).toHaveBeenCalledTimes(2 + PEER_NAMES_REMEMBERED);
  });
});
