import type { Call } from '../../shared/model/call.ts';
import {
  OUTLOOK_DIRECTORY,
  PERSONAL_DIRECTORY,
  type CallerIdentity,
  type DirectoryId,
  type DirectorySummary,
} from '../../shared/model/contact.ts';
import type { BackgroundCommands } from '../../shared/protocol/background-commands.ts';
import { CommandError, type Handlers } from '../../shared/protocol/command-contract.ts';
import type { Logger } from '../../shared/log.ts';
import type { SettingsStore } from '../settings-store.ts';
import type { StateHub } from '../state-hub.ts';
import type { ContactBook } from './contact-book.ts';

type ContactCommands = Pick<
  BackgroundCommands,
  | 'contacts/search'
  | 'contacts/list'
  | 'contacts/get'
  | 'contacts/save'
  | 'contacts/delete'
  | 'contacts/import-stage'
  | 'contacts/import-commit'
  | 'contacts/import-abandon'
  | 'contacts/set-favorite'
  | 'contacts/save-speed-dials'
>;

/** The directories kept in this browser, which the receptionist edits and imports into. */
const LOCAL_DIRECTORIES: readonly DirectorySummary[] = [
  {
    id: PERSONAL_DIRECTORY,
    kind: 'personal',
    name: '',
    count: 0,
    source: 'local',
    lastSyncedAt: null,
    syncError: null,
  },
  { id: OUTLOOK_DIRECTORY, kind: 'outlook', name: '', count: 0, source: 'local', lastSyncedAt: null, syncError: null },
];

/**
 * The contacts pane's background (issue #13): the `contacts` slice (directories with their counts, favourites,
 * speed dials), the commands of the pane, and `callerIds` — who each call in progress is, looked up in the
 * directories shown as soon as the call appears.
 */
export class ContactsService {
  readonly #book: ContactBook;
  readonly #store: SettingsStore;
  readonly #hub: StateHub;
  readonly #log: Logger;
  /** The number each call was identified for, so a call is looked up once (again only if its number changes). */
  readonly #identified = new Map<string, string>();

  constructor(book: ContactBook, store: SettingsStore, hub: StateHub, log: Logger) {
    this.#book = book;
    this.#store = store;
    this.#hub = hub;
    this.#log = log;
  }

  /** Reads what is stored into the slice; at start, and after every change. */
  async refresh(): Promise<void> {
    const [favorites, speedDials, directories] = await Promise.all([
      this.#store.loadFavorites(),
      this.#store.loadSpeedDials(),
      Promise.all(
        LOCAL_DIRECTORIES.map(async (directory) => ({ ...directory, count: await this.#book.count(directory.id) })),
      ),
    ]);
    this.#hub.setSlice('contacts', {
      directories,
      favorites,
      speedDials,
      revision: this.#hub.state.contacts.revision + 1,
    });
  }

  /** The directories searched and matched against callers: every one the workspace does not hide, in their order. */
  #shownDirectories(): DirectoryId[] {
    const hidden = new Set(this.#hub.state.workspace.current.directories.hidden);
    return this.#hub.state.contacts.directories.map((directory) => directory.id).filter((id) => !hidden.has(id));
  }

  /** The calls changed: identify the new ones (and forget the ended), then publish who they are. */
  async identifyCalls(calls: readonly Call[]): Promise<void> {
    const live = new Map(calls.filter((call) => call.status !== 'Ended').map((call) => [call.id as string, call]));
    const next: Record<string, CallerIdentity> = {};
    let isChanged = false;
    for (const [id, known] of Object.entries(this.#hub.state.callerIds)) {
      if (live.has(id)) next[id] = known;
      else isChanged = true;
    }
    for (const id of this.#identified.keys()) if (!live.has(id)) this.#identified.delete(id);
    for (const call of live.values()) {
      if (this.#identified.get(call.id) === call.remoteNumber) continue;
      this.#identified.set(call.id, call.remoteNumber);
      try {
        const identity = await this.#book.identify(call.remoteNumber, this.#shownDirectories());
        if (identity !== null) {
          next[call.id] = identity;
          isChanged = true;
        }
      } catch (error) {
        this.#log.warn('could not look the caller up', error);
      }
    }
    if (isChanged) this.#hub.setSlice('callerIds', next);
  }

  /** Who a number is (the history, notifications), or null. */
  identify(number: string): Promise<CallerIdentity | null> {
    return this.#book.identify(number, this.#shownDirectories());
  }

  /** A speed dial's number when `target` is one of its codes, else `target` itself. */
  resolveSpeedDial(target: string): string {
    const code = target.trim();
    return this.#hub.state.contacts.speedDials.find((entry) => entry.code === code)?.number ?? target;
  }

  #editable(directoryId: DirectoryId): void {
    if (!LOCAL_DIRECTORIES.some((directory) => directory.id === directoryId))
      throw new CommandError({ code: 'forbidden', messageKey: 'error_directory_read_only' });
  }

  handlers(): Handlers<ContactCommands> {
    return {
      'contacts/search': ({ text }) => this.#book.search(text, this.#shownDirectories()),
      'contacts/list': async ({ directoryId, offset, limit }) => ({
        contacts: await this.#book.list(directoryId, offset, limit),
        total: await this.#book.count(directoryId),
      }),
      'contacts/get': ({ ids }) => this.#book.get(ids),
      'contacts/save': async ({ directoryId, id, fields }) => {
        this.#editable(directoryId);
        const saved = await this.#book.save(directoryId, id, fields);
        await this.refresh();
        return { id: saved };
      },
      'contacts/delete': async ({ id }) => {
        const [contact] = await this.#book.get([id]);
        if (contact === undefined) return;
        this.#editable(contact.directoryId);
        await this.#book.remove(id);
        const favorites = this.#hub.state.contacts.favorites;
        if (favorites.includes(id)) await this.#store.saveFavorites(favorites.filter((each) => each !== id));
        await this.refresh();
      },
      'contacts/import-stage': ({ token, contacts }) => this.#book.stage(token, contacts),
      'contacts/import-commit': async ({ token, directoryId, mode }) => {
        this.#editable(directoryId);
        const count = await this.#book.commit(token, directoryId, mode);
        await this.refresh();
        return { count };
      },
      'contacts/import-abandon': ({ token }) => this.#book.abandon(token),
      'contacts/set-favorite': async ({ id, isFavorite }) => {
        const favorites = this.#hub.state.contacts.favorites.filter((each) => each !== id);
        await this.#store.saveFavorites(isFavorite ? [...favorites, id] : favorites);
        await this.refresh();
      },
      'contacts/save-speed-dials': async ({ speedDials }) => {
        await this.#store.saveSpeedDials(speedDials);
        await this.refresh();
      },
    };
  }
}
