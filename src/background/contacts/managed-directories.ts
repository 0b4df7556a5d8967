import * as v from 'valibot';
import { browser } from '../../platform/browser.ts';
import { DirectorySourceSchema, type DirectorySource } from '../../shared/model/directory-source.ts';
import type { Logger } from '../../shared/log.ts';

/** One directory as an administrator writes it in the policy: the kind defaults to Custom, credentials to none. */
const ManagedDirectorySchema = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.optional(v.picklist(['company', 'custom']), 'custom'),
  type: v.picklist(['carddav', 'url']),
  url: v.string(),
  username: v.optional(v.string(), ''),
  password: v.optional(v.string(), ''),
});

/**
 * The favourites the administrator assigns (numbers or SIP users), from the same managed storage: at most 200, each
 * a short text; anything else is left out.
 */
export async function readManagedFavorites(): Promise<string[]> {
  try {
    const stored = await browser.storage.managed.get('favorites');
    const list = Array.isArray(stored['favorites']) ? (stored['favorites'] as unknown[]) : [];
    return list
      .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '' && entry.length <= 64)
      .slice(0, 200);
  } catch {
    return [];
  }
}

function idOf(entry: unknown): string {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : '(no id)';
}

/**
 * The directories the administrator defines (issue #13, the guide's Custom contacts), from managed storage: Chrome's
 * `3rdparty` extension policy (checked against `managed-schema.json`), Firefox's enterprise policy. Each is checked
 * like one the receptionist sets; a wrong one is logged and left out, the others kept. Their ids are prefixed
 * `managed-` so they never meet the receptionist's own. No policy (or a browser without managed storage): none.
 */
export async function readManagedDirectories(log: Logger): Promise<DirectorySource[]> {
  let stored: Record<string, unknown>;
  try {
    stored = await browser.storage.managed.get('directories');
  } catch {
    // Firefox without a policy for the extension rejects the read: nothing is managed.
    return [];
  }
  const entries = Array.isArray(stored['directories']) ? (stored['directories'] as unknown[]) : [];
  const sources: DirectorySource[] = [];
  for (const entry of entries) {
    const managed = v.safeParse(ManagedDirectorySchema, entry);
    const source = managed.success
      ? v.safeParse(DirectorySourceSchema, { ...managed.output, id: `managed-${managed.output.id}`.toLowerCase() })
      : null;
    if (source?.success === true && !sources.some((other) => other.id === source.output.id))
      sources.push(source.output);
    // Its id only: the entry may carry a password.
    else log.warn('a directory of the administrator’s configuration is not valid; left out', idOf(entry));
  }
  return sources;
}
