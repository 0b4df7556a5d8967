import type { Logger } from '../../shared/log.ts';
import type { LocalMigration } from './local-migrations/local-migration.ts';
import { m1RememberedLogin } from './local-migrations/m1-remembered-login.ts';
import { STORED_KEYS } from './stored-keys.ts';

/** Every migration of `storage.local`, in order; the last one's number is the shape this release writes. */
export const LOCAL_MIGRATIONS: readonly LocalMigration[] = [m1RememberedLogin];
export const STORAGE_VERSION = LOCAL_MIGRATIONS.length;

/** The part of `storage.local` migrations need (the real area, or a fake in tests). */
export interface LocalArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Brings `storage.local` to this release's shape before anything reads it. A profile carries its version
 * (`storage.version`, written with every save); a profile without one but with data is release 0.1's (version 0);
 * an empty one has nothing to migrate. Each step's writes are made before the version moves past it, so a worker
 * stopped half-way runs the same step again (each is written to be run twice without harm).
 */
export async function migrateLocalStorage(area: LocalArea, log: Logger): Promise<void> {
  const items = await area.get(null);
  if (Object.keys(items).length === 0) return;
  const stored = items[STORED_KEYS.storageVersion.key];
  let version = typeof stored === 'number' && Number.isInteger(stored) ? stored : 0;
  if (version > STORAGE_VERSION) {
    log.warn(`storage is at version ${version}, newer than this release's ${STORAGE_VERSION}: left as it is`);
    return;
  }
  for (const migration of LOCAL_MIGRATIONS) {
    if (migration.version <= version) continue;
    const { set, remove } = migration.migrate({ ...items });
    // New values first, old ones removed next, the version last: stopped anywhere, the step runs again safely.
    if (Object.keys(set).length > 0) await area.set(set);
    if (remove.length > 0) await area.remove(remove);
    await area.set({ [STORED_KEYS.storageVersion.key]: migration.version });
    for (const key of remove) delete items[key];
    Object.assign(items, set);
    version = migration.version;
    log.info(`storage migrated to version ${version}`);
  }
}
