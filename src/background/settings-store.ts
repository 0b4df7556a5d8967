import * as v from 'valibot';
import { browser } from '../platform/browser.ts';
import { AccountSettingsSchema, type AccountSettings } from '../shared/model/account.ts';
import { DEFAULT_GENERAL_SETTINGS, GeneralSettingsSchema, type GeneralSettings } from '../shared/model/settings.ts';
import { DEFAULT_PHONE_SETTINGS, PhoneSettingsSchema, type PhoneSettings } from '../shared/model/phone-settings.ts';
import { DEFAULT_SERVICES, ServicesSchema, type Services } from '../shared/model/services.ts';
import { DEFAULT_WORKSPACE, WorkspaceSchema, type Workspace } from '../shared/model/workspace.ts';
import {
  ClickToCallSettingsSchema,
  DEFAULT_CLICK_TO_CALL,
  PendingDialSchema,
  type ClickToCallSettings,
  type PendingDial,
} from '../shared/model/click-to-call.ts';
import type { Logger } from '../shared/log.ts';
import { overDefaults } from './over-defaults.ts';

/**
 * What the background keeps across restarts, and where:
 * - `storage.local`: `settings.general`, `account` (no secret in either), `account.rememberMe`.
 * - `storage.local`: with "remember me" only, `credential.ha1` (the digest HA1 for the server's realm, never the
 *   password) and `intent.rememberedLogin` (log back in after a browser restart).
 * - `storage.session`: `credential.password`, gone when the browser closes. Session storage is open to trusted
 *   contexts only, so no content script can read it.
 * Everything read back is validated; a stored value that no longer validates is reported and replaced by the
 * default rather than crashing the background.
 */
const KEYS = {
  general: 'settings.general',
  phone: 'settings.phone',
  services: 'settings.services',
  clickToCall: 'settings.clickToCall',
  workspace: 'workspace',
  workspaceDraft: 'workspace.draft',
  menusLanguage: 'menus.language',
  pendingDials: 'clickToCall.pending',
  account: 'account',
  rememberMe: 'account.rememberMe',
  password: 'credential.password',
  shouldBeRegistered: 'intent.shouldBeRegistered',
  lastSeenMissedAt: 'history.lastSeenMissedAt',
  rememberedHa1: 'credential.ha1',
  rememberedRealm: 'credential.realm',
  rememberedLogin: 'intent.rememberedLogin',
} as const;

const StoredAccountSchema = v.object({ settings: AccountSettingsSchema, rememberMe: v.boolean() });
export type StoredAccount = v.InferOutput<typeof StoredAccountSchema>;

export class SettingsStore {
  constructor(private readonly log: Logger) {}

  loadGeneral(): Promise<GeneralSettings> {
    return this.#loadSettings(KEYS.general, GeneralSettingsSchema, DEFAULT_GENERAL_SETTINGS);
  }

  async saveGeneral(settings: GeneralSettings): Promise<void> {
    await browser.storage.local.set({ [KEYS.general]: settings });
  }

  loadPhone(): Promise<PhoneSettings> {
    return this.#loadSettings(KEYS.phone, PhoneSettingsSchema, DEFAULT_PHONE_SETTINGS);
  }

  async savePhone(settings: PhoneSettings): Promise<void> {
    await browser.storage.local.set({ [KEYS.phone]: settings });
  }

  loadServices(): Promise<Services> {
    return this.#loadSettings(KEYS.services, ServicesSchema, DEFAULT_SERVICES);
  }

  async saveServices(services: Services): Promise<void> {
    await browser.storage.local.set({ [KEYS.services]: services });
  }

  loadClickToCall(): Promise<ClickToCallSettings> {
    return this.#loadSettings(KEYS.clickToCall, ClickToCallSettingsSchema, DEFAULT_CLICK_TO_CALL);
  }

  async saveClickToCall(settings: ClickToCallSettings): Promise<void> {
    await browser.storage.local.set({ [KEYS.clickToCall]: settings });
  }

  /** The language the context menus were last made in, this browser session. */
  async loadMenusLanguage(): Promise<string | null> {
    const stored = (await browser.storage.session.get(KEYS.menusLanguage))[KEYS.menusLanguage];
    return typeof stored === 'string' ? stored : null;
  }

  async saveMenusLanguage(language: string): Promise<void> {
    await browser.storage.session.set({ [KEYS.menusLanguage]: language });
  }

  /** The workspace saved at the last logout (the default layout before any). */
  async loadWorkspace(): Promise<Workspace> {
    return this.#validated(
      KEYS.workspace,
      (await browser.storage.local.get(KEYS.workspace))[KEYS.workspace],
      DEFAULT_WORKSPACE,
    );
  }

  async saveWorkspace(workspace: Workspace): Promise<void> {
    await browser.storage.local.set({ [KEYS.workspace]: workspace });
  }

  /**
   * Calls from web pages waiting for the receptionist's yes (this browser session only): their notifications outlive
   * a stopped service worker, so the question must too.
   */
  async loadPendingDials(): Promise<PendingDial[]> {
    const stored: unknown = (await browser.storage.session.get(KEYS.pendingDials))[KEYS.pendingDials];
    if (stored === undefined) return [];
    const parsed = v.safeParse(v.array(PendingDialSchema), stored);
    if (parsed.success) return parsed.output;
    this.log.warn(`stored ${KEYS.pendingDials} is invalid; dropping it`);
    return [];
  }

  async savePendingDials(pending: readonly PendingDial[]): Promise<void> {
    if (pending.length === 0) await browser.storage.session.remove(KEYS.pendingDials);
    else await browser.storage.session.set({ [KEYS.pendingDials]: pending });
  }

  /** The workspace as arranged since, not saved yet (this browser session only); null when there is none. */
  async loadWorkspaceDraft(): Promise<Workspace | null> {
    return this.#validated(
      KEYS.workspaceDraft,
      (await browser.storage.session.get(KEYS.workspaceDraft))[KEYS.workspaceDraft],
      null,
    );
  }

  async saveWorkspaceDraft(workspace: Workspace | null): Promise<void> {
    if (workspace === null) await browser.storage.session.remove(KEYS.workspaceDraft);
    else await browser.storage.session.set({ [KEYS.workspaceDraft]: workspace });
  }

  #validated<T>(key: string, stored: unknown, fallback: T): Workspace | T {
    if (stored === undefined) return fallback;
    const parsed = v.safeParse(WorkspaceSchema, stored);
    if (parsed.success) return parsed.output;
    this.log.warn(`stored ${key} is invalid; using the default`);
    return fallback;
  }

  /**
   * A settings group from storage, over its defaults (so a new setting gets its default, in nested groups too: new
   * feature codes beside the ones the receptionist set), or the defaults.
   */
  async #loadSettings<T extends object>(key: string, schema: v.GenericSchema<unknown, T>, defaults: T): Promise<T> {
    const stored = (await browser.storage.local.get(key))[key];
    if (stored === undefined) return defaults;
    const parsed = v.safeParse(schema, overDefaults(defaults, stored));
    if (parsed.success) return parsed.output;
    this.log.warn(`stored ${key} is invalid; using defaults`);
    return defaults;
  }

  async loadAccount(): Promise<StoredAccount | null> {
    const stored = await browser.storage.local.get([KEYS.account, KEYS.rememberMe]);
    if (stored[KEYS.account] === undefined) return null;
    const parsed = v.safeParse(StoredAccountSchema, {
      settings: stored[KEYS.account],
      rememberMe: stored[KEYS.rememberMe] ?? false,
    });
    if (parsed.success) return parsed.output;
    this.log.warn('the stored account is invalid; the receptionist will be asked to log in again');
    return null;
  }

  async saveAccount(settings: AccountSettings, rememberMe: boolean): Promise<void> {
    await browser.storage.local.set({ [KEYS.account]: settings, [KEYS.rememberMe]: rememberMe });
  }

  async loadSessionPassword(): Promise<string | null> {
    const stored = (await browser.storage.session.get(KEYS.password))[KEYS.password];
    return typeof stored === 'string' && stored !== '' ? stored : null;
  }

  async saveSessionPassword(password: string): Promise<void> {
    await browser.storage.session.set({ [KEYS.password]: password });
  }

  async forgetSessionPassword(): Promise<void> {
    await browser.storage.session.remove(KEYS.password);
  }

  async loadLastSeenMissedAt(): Promise<number> {
    const stored = (await browser.storage.local.get(KEYS.lastSeenMissedAt))[KEYS.lastSeenMissedAt];
    return typeof stored === 'number' ? stored : 0;
  }

  async saveLastSeenMissedAt(at: number): Promise<void> {
    await browser.storage.local.set({ [KEYS.lastSeenMissedAt]: at });
  }

  async loadRememberedHa1(): Promise<string | null> {
    const stored = (await browser.storage.local.get(KEYS.rememberedHa1))[KEYS.rememberedHa1];
    return typeof stored === 'string' && /^[0-9a-f]{32}$/.test(stored) ? stored : null;
  }

  async loadRememberedLogin(): Promise<boolean> {
    return (await browser.storage.local.get(KEYS.rememberedLogin))[KEYS.rememberedLogin] === true;
  }

  /** The digest realm the remembered HA1 was made for (to check a password typed later against it). */
  async loadRememberedRealm(): Promise<string | null> {
    const stored = (await browser.storage.local.get(KEYS.rememberedRealm))[KEYS.rememberedRealm];
    return typeof stored === 'string' ? stored : null;
  }

  /** Keeps (or, with null, forgets) what logs the receptionist back in after a browser restart. */
  async saveRememberedLogin(remembered: { ha1: string; realm: string } | null): Promise<void> {
    if (remembered === null)
      await browser.storage.local.remove([KEYS.rememberedHa1, KEYS.rememberedRealm, KEYS.rememberedLogin]);
    else
      await browser.storage.local.set({
        [KEYS.rememberedHa1]: remembered.ha1,
        [KEYS.rememberedRealm]: remembered.realm,
        [KEYS.rememberedLogin]: true,
      });
  }

  /** The receptionist's intent to be logged in, for this browser session (see PhoneLine and the engine). */
  async loadShouldBeRegistered(): Promise<boolean> {
    return (await browser.storage.session.get(KEYS.shouldBeRegistered))[KEYS.shouldBeRegistered] === true;
  }

  async saveShouldBeRegistered(shouldBeRegistered: boolean): Promise<void> {
    await browser.storage.session.set({ [KEYS.shouldBeRegistered]: shouldBeRegistered });
  }
}
