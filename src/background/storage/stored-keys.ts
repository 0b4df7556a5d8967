import * as v from 'valibot';
import { AccountSettingsSchema } from '../../shared/model/account.ts';
import {
  ClickToCallSettingsSchema,
  DEFAULT_CLICK_TO_CALL,
  PendingDialSchema,
} from '../../shared/model/click-to-call.ts';
import { DEFAULT_PHONE_SETTINGS, PhoneSettingsSchema } from '../../shared/model/phone-settings.ts';
import { DEFAULT_SERVICES, ServicesSchema } from '../../shared/model/services.ts';
import { DEFAULT_GENERAL_SETTINGS, GeneralSettingsSchema } from '../../shared/model/settings.ts';
import { DEFAULT_WORKSPACE, WorkspaceSchema } from '../../shared/model/workspace.ts';
import { WindowBoundsSchema } from '../../shared/model/console-window.ts';
import { ContactIdSchema, SpeedDialSchema } from '../../shared/model/contact.ts';
import { DirectorySourceSchema, DirectorySyncStateSchema } from '../../shared/model/directory-source.ts';
import { DEFAULT_QUEUE_PANE, QueuePaneSettingsSchema } from '../../shared/model/call-queue.ts';

/**
 * One stored value: where it rests, its shape and what it is when absent. `isOverDefaults`: a settings group read
 * over its defaults, so a setting added by a newer release gets its default while the others keep what was stored.
 */
export interface StoredKey<T> {
  readonly key: string;
  readonly area: 'local' | 'session';
  readonly schema: v.GenericSchema<unknown, T>;
  readonly fallback: T;
  readonly isOverDefaults?: boolean;
}

function stored<T>(
  key: string,
  area: 'local' | 'session',
  schema: v.GenericSchema<unknown, T>,
  fallback: T,
  isOverDefaults = false,
): StoredKey<T> {
  return { key, area, schema, fallback, isOverDefaults };
}

export const RememberedLoginSchema = v.object({
  /** HA1 = MD5(user:realm:password) (RFC 2617), never the password. */
  ha1: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  realm: v.pipe(v.string(), v.maxLength(256)),
});
export type RememberedLogin = v.InferOutput<typeof RememberedLoginSchema>;

/**
 * Every key the background stores, in one registry (docs/ARCHITECTURE.md, "Where data rests", lists the same; a
 * meta-test keeps them together). `storage.local` outlives the browser and is versioned (`STORAGE_VERSION`, see
 * `migrate-local-storage.ts`); `storage.session` ends with the browser session and needs no migration.
 */
export const STORED_KEYS = {
  general: stored('settings.general', 'local', GeneralSettingsSchema, DEFAULT_GENERAL_SETTINGS, true),
  phone: stored('settings.phone', 'local', PhoneSettingsSchema, DEFAULT_PHONE_SETTINGS, true),
  services: stored('settings.services', 'local', ServicesSchema, DEFAULT_SERVICES, true),
  clickToCall: stored('settings.clickToCall', 'local', ClickToCallSettingsSchema, DEFAULT_CLICK_TO_CALL, true),
  workspace: stored('workspace', 'local', WorkspaceSchema, DEFAULT_WORKSPACE),
  account: stored('account', 'local', v.nullable(AccountSettingsSchema), null),
  rememberMe: stored('account.rememberMe', 'local', v.boolean(), false),
  rememberedLogin: stored('credential.remembered', 'local', v.nullable(RememberedLoginSchema), null),
  consoleWindowBounds: stored('consoleWindow.bounds', 'local', v.nullable(WindowBoundsSchema), null),
  favorites: stored('contacts.favorites', 'local', v.array(ContactIdSchema), []),
  speedDials: stored('contacts.speedDials', 'local', v.array(SpeedDialSchema), []),
  directorySources: stored('contacts.sources', 'local', v.array(DirectorySourceSchema), []),
  directorySync: stored('contacts.syncState', 'local', v.record(v.string(), DirectorySyncStateSchema), {}),
  queuePane: stored('queues.pane', 'local', QueuePaneSettingsSchema, DEFAULT_QUEUE_PANE, true),
  lastSeenMissedAt: stored('history.lastSeenMissedAt', 'local', v.number(), 0),
  storageVersion: stored('storage.version', 'local', v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  password: stored('credential.password', 'session', v.nullable(v.pipe(v.string(), v.minLength(1))), null),
  shouldBeRegistered: stored('intent.shouldBeRegistered', 'session', v.boolean(), false),
  workspaceDraft: stored('workspace.draft', 'session', v.nullable(WorkspaceSchema), null),
  pendingDials: stored('clickToCall.pending', 'session', v.array(PendingDialSchema), []),
  consoleWindowId: stored('consoleWindow.id', 'session', v.nullable(v.pipe(v.number(), v.integer())), null),
  menusLanguage: stored('menus.language', 'session', v.nullable(v.string()), null),
} as const;
