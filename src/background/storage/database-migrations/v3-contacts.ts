/**
 * Database version 3: the contacts of every directory (issue #13), in a table of their own. Found by the words and
 * numbers of a search (`*searchKeys`), by a caller's number (`*phoneKeys`), listed by directory in name order
 * (`[directoryId+sortName]`); `directoryParts` says which part of the table each directory shows (`contact-book.ts`).
 * Nothing to convert: the history is kept as it was.
 *
 * Frozen: it imports no live code.
 */
export const V3_STORES = {
  callHistory: 'id, endedAt, *searchKeys',
  contacts: 'id, directoryId, [directoryId+sortName], *searchKeys, *phoneKeys',
  directoryParts: 'directoryId',
} as const;
