import * as v from 'valibot';
import { browser } from '../platform/browser.ts';
import type { AccountSettings } from '../shared/model/account.ts';
import type { GeneralSettings } from '../shared/model/settings.ts';
import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import type { Services } from '../shared/model/services.ts';
import type { Workspace } from '../shared/model/workspace.ts';
import type { WindowBounds } from '../shared/model/console-window.ts';
import type { SpeedDial } from '../shared/model/contact.ts';
import type { DirectorySource, DirectorySyncState } from '../shared/model/directory-source.ts';
import type { ClickToCallSettings, PendingDial } from '../shared/model/click-to-call.ts';
import type { Logger } from '../shared/log.ts';
import { overDefaults } from './over-defaults.ts';
import { migrateLocalStorage, STORAGE_VERSION } from './storage/migrate-local-storage.ts';
import type { QueuePaneSettings } from '../shared/model/call-queue.ts';
import { STORED_KEYS, type RememberedLogin, type StoredKey } from './storage/stored-keys.ts';

export interface StoredAccount {
  readonly settings: AccountSettings;
  readonly rememberMe: boolean;
}

/**
 * What the background keeps across restarts, by the registry of `storage/stored-keys.ts` (where each key rests and
 * why is in docs/ARCHITECTURE.md). Everything read back is validated; a stored value that no longer validates is
 * reported and replaced by its default rather than crashing the background — and never written over unasked.
 * Every write to `storage.local` carries the storage's version, so the next release knows what shape it reads.
 */
export class SettingsStore {
  constructor(private readonly log: Logger) {}

  /** Brings a profile of an earlier release to this one's shape; the background calls it before any read. */
  migrate(): Promise<void> {
    return migrateLocalStorage(browser.storage.local, this.log);
  }

  loadGeneral = (): Promise<GeneralSettings> => this.#read(STORED_KEYS.general);
  saveGeneral = (settings: GeneralSettings): Promise<void> => this.#write(STORED_KEYS.general, settings);
  loadPhone = (): Promise<PhoneSettings> => this.#read(STORED_KEYS.phone);
  savePhone = (settings: PhoneSettings): Promise<void> => this.#write(STORED_KEYS.phone, settings);
  loadServices = (): Promise<Services> => this.#read(STORED_KEYS.services);
  saveServices = (services: Services): Promise<void> => this.#write(STORED_KEYS.services, services);
  loadClickToCall = (): Promise<ClickToCallSettings> => this.#read(STORED_KEYS.clickToCall);
  saveClickToCall = (settings: ClickToCallSettings): Promise<void> => this.#write(STORED_KEYS.clickToCall, settings);

  /** The workspace saved at the last logout (the default layout before any). */
  loadWorkspace = (): Promise<Workspace> => this.#read(STORED_KEYS.workspace);
  saveWorkspace = (workspace: Workspace): Promise<void> => this.#write(STORED_KEYS.workspace, workspace);
  /** The workspace as arranged since, not saved yet (this browser session only); null when there is none. */
  loadWorkspaceDraft = (): Promise<Workspace | null> => this.#read(STORED_KEYS.workspaceDraft);
  saveWorkspaceDraft = (workspace: Workspace | null): Promise<void> =>
    this.#write(STORED_KEYS.workspaceDraft, workspace);

  /** The receptionist's favourite contacts (ids), in the order chosen. */
  loadQueuePane = (): Promise<QueuePaneSettings> => this.#read(STORED_KEYS.queuePane);
  saveQueuePane = (settings: QueuePaneSettings): Promise<void> => this.#write(STORED_KEYS.queuePane, settings);
  loadFavorites = (): Promise<string[]> => this.#read(STORED_KEYS.favorites);
  saveFavorites = (ids: readonly string[]): Promise<void> => this.#write(STORED_KEYS.favorites, [...ids]);
  loadSpeedDials = (): Promise<SpeedDial[]> => this.#read(STORED_KEYS.speedDials);
  saveSpeedDials = (speedDials: readonly SpeedDial[]): Promise<void> =>
    this.#write(STORED_KEYS.speedDials, [...speedDials]);

  /** The company directories read from servers, as Settings › Directories has them (with their credentials). */
  loadDirectorySources = (): Promise<DirectorySource[]> => this.#read(STORED_KEYS.directorySources);
  saveDirectorySources = (sources: readonly DirectorySource[]): Promise<void> =>
    this.#write(STORED_KEYS.directorySources, [...sources]);
  /** Each server directory's sync state (token, last success, last error), by directory id. */
  loadDirectorySync = (): Promise<Record<string, DirectorySyncState>> => this.#read(STORED_KEYS.directorySync);
  saveDirectorySync = (state: Record<string, DirectorySyncState>): Promise<void> =>
    this.#write(STORED_KEYS.directorySync, state);

  /** Where the console's own window was last put (Open in a window); null before the first time. */
  loadConsoleWindowBounds = (): Promise<WindowBounds | null> => this.#read(STORED_KEYS.consoleWindowBounds);
  saveConsoleWindowBounds = (bounds: WindowBounds): Promise<void> =>
    this.#write(STORED_KEYS.consoleWindowBounds, bounds);
  /** The console's own window, while open this browser session. */
  loadConsoleWindowId = (): Promise<number | null> => this.#read(STORED_KEYS.consoleWindowId);
  saveConsoleWindowId = (id: number | null): Promise<void> => this.#write(STORED_KEYS.consoleWindowId, id);

  /** The language the context menus were last made in, this browser session. */
  loadMenusLanguage = (): Promise<string | null> => this.#read(STORED_KEYS.menusLanguage);
  saveMenusLanguage = (language: string): Promise<void> => this.#write(STORED_KEYS.menusLanguage, language);

  /**
   * Calls from web pages waiting for the receptionist's yes (this browser session only): their notifications outlive
   * a stopped service worker, so the question must too.
   */
  loadPendingDials = (): Promise<PendingDial[]> => this.#read(STORED_KEYS.pendingDials);
  savePendingDials = (pending: readonly PendingDial[]): Promise<void> =>
    this.#write(STORED_KEYS.pendingDials, pending.length === 0 ? [] : [...pending]);

  async loadAccount(): Promise<StoredAccount | null> {
    const [settings, rememberMe] = await Promise.all([
      this.#read(STORED_KEYS.account),
      this.#read(STORED_KEYS.rememberMe),
    ]);
    return settings === null ? null : { settings, rememberMe };
  }

  async saveAccount(settings: AccountSettings, rememberMe: boolean): Promise<void> {
    await this.#writeLocal({ [STORED_KEYS.account.key]: settings, [STORED_KEYS.rememberMe.key]: rememberMe });
  }

  loadSessionPassword = (): Promise<string | null> => this.#read(STORED_KEYS.password);
  saveSessionPassword = (password: string): Promise<void> => this.#write(STORED_KEYS.password, password);
  forgetSessionPassword = (): Promise<void> => this.#write(STORED_KEYS.password, null);

  loadLastSeenMissedAt = (): Promise<number> => this.#read(STORED_KEYS.lastSeenMissedAt);
  saveLastSeenMissedAt = (at: number): Promise<void> => this.#write(STORED_KEYS.lastSeenMissedAt, at);

  /** What logs the receptionist back in after a browser restart ("remember me"): the HA1 and its realm, or null. */
  loadRememberedLogin = (): Promise<RememberedLogin | null> => this.#read(STORED_KEYS.rememberedLogin);
  /** Keeps (or, with null, forgets) it: one value, written at once. */
  saveRememberedLogin = (remembered: RememberedLogin | null): Promise<void> =>
    this.#write(STORED_KEYS.rememberedLogin, remembered);

  /** The receptionist's intent to be logged in, for this browser session (see PhoneLine and the engine). */
  loadShouldBeRegistered = (): Promise<boolean> => this.#read(STORED_KEYS.shouldBeRegistered);
  saveShouldBeRegistered = (shouldBeRegistered: boolean): Promise<void> =>
    this.#write(STORED_KEYS.shouldBeRegistered, shouldBeRegistered);

  async #read<T>(entry: StoredKey<T>): Promise<T> {
    const stored: unknown = (await browser.storage[entry.area].get(entry.key))[entry.key];
    if (stored === undefined) return entry.fallback;
    const parsed = v.safeParse(
      entry.schema,
      entry.isOverDefaults === true ? overDefaults(entry.fallback, stored) : stored,
    );
    if (parsed.success) return parsed.output;
    this.log.warn(`stored ${entry.key} is invalid; using its default`);
    return entry.fallback;
  }

  /** Stores a value; the empty value (null, an empty list) removes the key instead. */
  async #write<T>(entry: StoredKey<T>, value: T): Promise<void> {
    if (value === null || (Array.isArray(value) && value.length === 0)) {
      await browser.storage[entry.area].remove(entry.key);
    } else if (entry.area === 'local') {
      await this.#writeLocal({ [entry.key]: value });
    } else {
      await browser.storage.session.set({ [entry.key]: value });
    }
  }

  /** Every local write carries the version of the shape it is in (see `migrate-local-storage.ts`). */
  async #writeLocal(items: Record<string, unknown>): Promise<void> {
    await browser.storage.local.set({ ...items, [STORED_KEYS.storageVersion.key]: STORAGE_VERSION });
  }
}
