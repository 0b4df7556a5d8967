/**
 * Database version 4: contacts stored packed (issue #13). One row per contact cost ~130 µs a write before any index
 * entry, and ~12 index entries more each: 100,000 contacts took 50 s to store. A directory written whole (an import,
 * a server's directory read whole) is now a **packed part** (`contacts/packed-parts.ts`): its contacts in name order,
 * a few dozen per row of `contactPacks`; the keys they are found by, sorted, a few hundred per row of
 * `contactKeyBlocks`; and a row of `contactPackedParts` that says how many each pack holds and where each block
 * starts. Imports are staged as rows of `contactPacks` too (128 contacts a row).
 *
 * Nothing to convert: the rows of `contacts` (version 3) stay where they are, found as before; they are a directory's
 * loose contacts, beside its packed part — the receptionist's own edits, a server's changes since its last full read.
 *
 * Frozen: it imports no live code.
 */
export const V4_STORES = {
  callHistory: 'id, endedAt, *searchKeys',
  contacts: 'id, directoryId, [directoryId+sortName], *searchKeys, *phoneKeys',
  directoryParts: 'directoryId',
  contactPacks: 'id, part',
  contactKeyBlocks: 'id, part',
  contactPackedParts: 'part',
} as const;
