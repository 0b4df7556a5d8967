import type { LocalMigration } from './local-migration.ts';

/**
 * Version 1 (release 0.1 had none): "remember me" kept three keys that had to change together — `credential.ha1`,
 * `credential.realm` and `intent.rememberedLogin` — and a browser stopped between two writes could leave an HA1
 * without its realm. They become one value, `credential.remembered: { ha1, realm }`, written at once. A half-kept
 * login (no realm, or the wish to log back in gone) was of no use and is dropped, as logout would have.
 *
 * Frozen: works on the raw stored values, imports no live code.
 */
export const m1RememberedLogin: LocalMigration = {
  version: 1,
  migrate(items) {
    const ha1 = items['credential.ha1'];
    const realm = items['credential.realm'];
    const isWanted = items['intent.rememberedLogin'] === true;
    const remembered =
      isWanted && typeof ha1 === 'string' && /^[0-9a-f]{32}$/.test(ha1) && typeof realm === 'string'
        ? { ha1, realm }
        : null;
    return {
      set: remembered === null ? {} : { 'credential.remembered': remembered },
      remove: ['credential.ha1', 'credential.realm', 'intent.rememberedLogin'],
    };
  },
};
