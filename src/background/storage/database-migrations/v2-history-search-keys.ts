import type { Transaction } from 'dexie';

/**
 * Database version 2: the call history gets a multi-entry index, `searchKeys`, so a search reads the index rather
 * than every row. The upgrade writes the keys of every row already stored.
 *
 * Frozen: this file keeps its own copy of how the keys were made at version 2 (a migration never imports live
 * code, which may change after it); `history-search-keys.ts` is the live one.
 */
export const V2_STORES = { callHistory: 'id, endedAt, *searchKeys' } as const;

export async function upgradeToV2(transaction: Transaction): Promise<void> {
  await transaction
    .table('callHistory')
    .toCollection()
    .modify((row: { remoteName?: unknown; remoteNumber?: unknown; searchKeys?: string[] }) => {
      row.searchKeys = keysAtV2(
        typeof row.remoteName === 'string' ? row.remoteName : '',
        typeof row.remoteNumber === 'string' ? row.remoteNumber : '',
      );
    });
}

function keysAtV2(name: string, number: string): string[] {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '')
      .slice(0, 16);
  const keys = new Set<string>();
  for (const word of words(name)) keys.add(`n:${word}`);
  const raw = number.trim().toLowerCase();
  if (raw !== '') keys.add(`r:${raw}`);
  const digits = number.replace(/\D/g, '').slice(0, 32);
  for (let start = 0; start <= digits.length - 2; start++) keys.add(`d:${digits.slice(start)}`);
  return [...keys];
}
