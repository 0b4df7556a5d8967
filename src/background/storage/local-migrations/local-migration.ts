/**
 * One step of `storage.local`'s shape, from version `version - 1` to `version`: given every stored item (raw, as
 * written by the release before), what to set and what to remove. A migration never imports live code (the shapes
 * it reads are the old ones), and has a frozen fixture of the old profile in `test/fixtures/storage/`.
 */
export interface LocalMigration {
  readonly version: number;
  migrate(items: Readonly<Record<string, unknown>>): { set: Record<string, unknown>; remove: string[] };
}
