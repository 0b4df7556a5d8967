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
import { syncDirectory } from './directory-sync.ts';
import type { DirectorySource, DirectorySyncState } from '../../shared/model/directory-source.ts';
import { readManagedDirectories, readManagedFavorites } from './managed-directories.ts';
import { lampLineOf, MAX_WATCHED_LINES, type Lamp } from '../../shared/model/lamp.ts';

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
  | 'contacts/sources'
  | 'contacts/save-sources'
  | 'contacts/sync'
>;

/**
 * How many lamp peers' names are kept (more while more are shown): a caller who rang one colleague often rings another
 * soon after, and each lookup is an IndexedDB read on a lamp burst's path. The least recently shown go first.
 */
export const PEER_NAMES_REMEMBERED = 256;

const NEVER_SYNCED: DirectorySyncState = { syncToken: null, lastSyncedAt: null, error: null };

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
  readonly #syncing = new Map<DirectoryId, Promise<DirectorySyncState>>();
  /** The name each lamp peer was found as ('' when no directory knows it), the most recently shown last. */
  readonly #peerNames = new Map<string, string>();
  #identifying: Promise<void> = Promise.resolve();
  /** The administrator's directories, as managed storage last said. */
  #managed: DirectorySource[] = [];
  /** The favourites the administrator assigns (numbers or SIP users), as managed storage last said. */
  #assignedNumbers: string[] = [];
  /** The latest read of managed storage: syncs wait for it, so none runs without the administrator's directories. */
  #managedRead: Promise<void> = Promise.resolve();

  constructor(book: ContactBook, store: SettingsStore, hub: StateHub, log: Logger) {
    this.#book = book;
    this.#store = store;
    this.#hub = hub;
    this.#log = log;
  }

  /**
   * Reads the administrator's configuration (directories, assigned favourites) from managed storage; the slice shows
   * it at the next `refresh`. Apart from `refresh` because Chromium answers managed storage only once its policies
   * are loaded, 1.5–3 s after the browser starts: the console's first state must not wait for it.
   */
  readManaged(): Promise<void> {
    this.#managedRead = (async () => {
      const [directories, assignedNumbers] = await Promise.all([
        readManagedDirectories(this.#log),
        readManagedFavorites(),
      ]);
      this.#managed = directories;
      this.#assignedNumbers = assignedNumbers;
    })();
    return this.#managedRead;
  }

  /** Reads what is stored into the slice (managed storage as last read); at start, and after every change. */
  async refresh(): Promise<void> {
    const assignedNumbers = this.#assignedNumbers;
    const [favorites, speedDials, sources, syncStates] = await Promise.all([
      this.#store.loadFavorites(),
      this.#store.loadSpeedDials(),
      this.#store.loadDirectorySources().then((own) => this.#sourcesWith(own)),
      this.#store.loadDirectorySync(),
    ]);
    const remote: DirectorySummary[] = sources.map((source) => ({
      id: source.id,
      kind: source.kind,
      name: source.name,
      count: 0,
      source: source.type,
      lastSyncedAt: syncStates[source.id]?.lastSyncedAt ?? null,
      syncError: syncStates[source.id]?.error ?? null,
    }));
    const directories = await Promise.all(
      [...remote, ...LOCAL_DIRECTORIES].map(async (directory) => ({
        ...directory,
        count: await this.#book.count(directory.id),
      })),
    );
    // Each assigned number, as the contact the first directory that knows it has (none yet: left until it does).
    const allDirectories = directories.map((directory) => directory.id);
    const assignedFavorites: string[] = [];
    for (const number of assignedNumbers) {
      const identity = await this.#book.identify(number, allDirectories);
      if (identity !== null && !assignedFavorites.includes(identity.contactId))
        assignedFavorites.push(identity.contactId);
    }
    const watchedLines = await this.#watchedLines([...assignedFavorites, ...favorites]);
    this.#hub.setSlice('contacts', {
      directories,
      favorites,
      assignedFavorites,
      speedDials,
      watchedLines,
      revision: this.#hub.state.contacts.revision + 1,
    });
    this.#lookUpAgain();
  }

  /**
   * The directories may say something new (the administrator's, read at last after the browser started; a sync; an
   * edit): the live calls and the lamps' peers are looked up again. A call that rang in the first seconds of the day,
   * before managed storage answered, would otherwise stay a bare number; a name found before is kept when the new
   * lookup finds none.
   */
  #lookUpAgain(): void {
    this.#identified.clear();
    this.#peerNames.clear();
    void this.identifyCalls(this.#hub.state.calls);
    void this.identifyLampPeers(this.#hub.state.lamps);
  }

  /**
   * Reads one server directory again (on demand, on the schedule, after its settings change); returns its new sync
   * state. Asked again while one of the same directory runs, it answers with that one.
   */
  async sync(directoryId: DirectoryId): Promise<DirectorySyncState> {
    const running = this.#syncing.get(directoryId);
    if (running !== undefined) return running;
    const sync = (async () => {
      const source = (await this.#allSources()).find((each) => each.id === directoryId);
      if (source === undefined)
        throw new CommandError({ code: 'invalid-input', messageKey: 'error_directory_unknown' });
      const states = await this.#store.loadDirectorySync();
      const next = await syncDirectory(source, states[directoryId] ?? NEVER_SYNCED, this.#book);
      await this.#store.saveDirectorySync({ ...(await this.#store.loadDirectorySync()), [directoryId]: next });
      if (next.error !== null) this.#log.warn('directory sync failed', directoryId, next.error);
      await this.refresh();
      return next;
    })();
    this.#syncing.set(directoryId, sync);
    try {
      return await sync;
    } finally {
      this.#syncing.delete(directoryId);
    }
  }

  /** Every server directory whose last read is older than `maxAge` (the schedule; at start). */
  async syncStale(maxAge: number, now = Date.now()): Promise<void> {
    const [sources, states] = await Promise.all([this.#allSources(), this.#store.loadDirectorySync()]);
    for (const source of sources) {
      const last = states[source.id]?.lastSyncedAt ?? null;
      if (last === null || now - last >= maxAge || states[source.id]?.error != null) await this.sync(source.id);
    }
  }

  /** The line of each of these contacts' lamps, once each, in order (at most as many as an engine keeps). */
  async #watchedLines(contactIds: readonly string[]): Promise<string[]> {
    const contacts = await this.#book.get([...new Set(contactIds)]);
    const byId = new Map(contacts.map((contact) => [contact.id, contact]));
    const lines = new Set<string>();
    for (const id of contactIds) {
      const contact = byId.get(id);
      const line = contact === undefined ? null : lampLineOf(contact);
      if (line !== null && line !== '' && line.length <= 64) lines.add(line);
    }
    return [...lines].slice(0, MAX_WATCHED_LINES);
  }

  /** Every directory source, once managed storage has been read. */
  async #allSources(): Promise<DirectorySource[]> {
    await this.#managedRead;
    return this.#sourcesWith(await this.#store.loadDirectorySources());
  }

  /** The administrator's directories first, then the receptionist's. */
  #sourcesWith(own: readonly DirectorySource[]): DirectorySource[] {
    return [...this.#managed, ...own.filter((source) => !source.id.startsWith('managed-'))];
  }

  /** The administrator changed the configuration: the directories as it now says, read at once. */
  async onManagedChange(): Promise<void> {
    const before = new Map(this.#managed.map((source) => [source.id, source]));
    await this.readManaged();
    await this.refresh();
    for (const source of this.#managed) {
      const old = before.get(source.id);
      if (old === undefined || old.url !== source.url || old.type !== source.type) await this.sync(source.id);
    }
    for (const id of before.keys()) {
      if (!this.#managed.some((source) => source.id === id)) await this.#book.replaceDirectory(id, []);
    }
    await this.refresh();
  }

  /** The directories searched and matched against callers: every one the workspace does not hide, in their order. */
  #shownDirectories(): DirectoryId[] {
    const hidden = new Set(this.#hub.state.workspace.current.directories.hidden);
    return this.#hub.state.contacts.directories.map((directory) => directory.id).filter((id) => !hidden.has(id));
  }

  /**
   * The calls changed: identify the new ones (and forget the ended), then publish who they are. Runs one after
   * another, so a slower lookup never writes over a newer one's result.
   */
  identifyCalls(calls: readonly Call[]): Promise<void> {
    return this.#inTurn(() => this.#identifyCalls(calls), 'could not name the calls');
  }

  async #identifyCalls(calls: readonly Call[]): Promise<void> {
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
        // Looked up again after a change of the directories, the same answer changes nothing.
        if (identity !== null && JSON.stringify(identity) !== JSON.stringify(next[call.id])) {
          next[call.id] = identity;
          isChanged = true;
        }
      } catch (error) {
        this.#log.warn('could not look the caller up', error);
      }
    }
    if (isChanged) this.#hub.setSlice('callerIds', next);
  }

  /**
   * The lamps changed: name who each colleague is ringing with or talking to, from the directories (a PBX's dialog
   * state often carries only an address — Kamailio's never a display name). One lookup per new peer; runs one after
   * another like the calls' lookups.
   */
  identifyLampPeers(lamps: readonly Lamp[]): Promise<void> {
    return this.#inTurn(() => this.#identifyLampPeers(lamps), 'could not name the lamps');
  }

  /** Runs lookups one after another, so a slower one never writes over a newer one's result; a failure is logged. */
  #inTurn(task: () => Promise<void>, failure: string): Promise<void> {
    this.#identifying = this.#identifying.then(task).catch((error: unknown) => this.#log.warn(failure, error));
    return this.#identifying;
  }

  async #identifyLampPeers(lamps: readonly Lamp[]): Promise<void> {
    const peers = new Set(lamps.flatMap((lamp) => (lamp.peer === null ? [] : [lamp.peer])));
    const next: Record<string, string> = {};
    for (const peer of peers) {
      const name = this.#peerNames.get(peer) ?? (await this.#book.identify(peer, this.#shownDirectories()))?.name ?? '';
      this.#peerNames.delete(peer);
      this.#peerNames.set(peer, name);
      if (name !== '' && name !== peer) next[peer] = name;
    }
    // The peers shown were just put last: the first names are the least recently shown, and never one shown now.
    let excess = this.#peerNames.size - Math.max(PEER_NAMES_REMEMBERED, peers.size);
    for (const peer of this.#peerNames.keys()) {
      if (excess-- <= 0) break;
      this.#peerNames.delete(peer);
    }
    if (JSON.stringify(next) !== JSON.stringify(this.#hub.state.lampPeers)) this.#hub.setSlice('lampPeers', next);
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
      'contacts/sources': () => this.#store.loadDirectorySources(),
      'contacts/save-sources': async ({ sources }) => {
        const before = await this.#store.loadDirectorySources();
        await this.#store.saveDirectorySources(sources);
        // A directory removed takes its copy with it; one whose address changed starts again from nothing.
        const states = await this.#store.loadDirectorySync();
        for (const old of before) {
          const now = sources.find((source) => source.id === old.id);
          if (now === undefined || now.url !== old.url || now.type !== old.type) {
            await this.#book.replaceDirectory(old.id, []);
            delete states[old.id];
          }
        }
        await this.#store.saveDirectorySync(states);
        await this.refresh();
      },
      'contacts/sync': ({ directoryId }) => this.sync(directoryId),
    };
  }
}
