import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeBrowser, storage } from '../support/fake-browser.ts';

vi.mock('../../src/platform/browser.ts', async () => (await import('../support/fake-browser.ts')).fakePlatform());

const { SettingsStore } = await import('../../src/background/settings-store.ts');
const { STORAGE_VERSION } = await import('../../src/background/storage/migrate-local-storage.ts');
const { DEFAULT_SERVICES } = await import('../../src/shared/model/services.ts');
const { DEFAULT_WORKSPACE } = await import('../../src/shared/model/workspace.ts');
const { createLogger } = await import('../../src/shared/log.ts');

describe('the settings store', () => {
  beforeEach(() => resetFakeBrowser());
  const store = () => new SettingsStore(createLogger('store-test'));

  it('gives defaults for a new profile, and writes nothing by reading', async () => {
    expect(await store().loadServices()).toEqual(DEFAULT_SERVICES);
    expect(await store().loadWorkspace()).toEqual(DEFAULT_WORKSPACE);
    expect(await store().loadAccount()).toBeNull();
    expect(storage.local.data.size).toBe(0);
  });

  it('stamps every local write with the storage version', async () => {
    await store().saveLastSeenMissedAt(42);
    expect(storage.local.data.get('history.lastSeenMissedAt')).toBe(42);
    expect(storage.local.data.get('storage.version')).toBe(STORAGE_VERSION);
  });

  it('reads a settings group over its defaults: a setting a newer release added gets its default, the rest is kept', async () => {
    const { featureCodes, ...older } = DEFAULT_SERVICES;
    await storage.local.set({
      'settings.services': { ...older, cfa: { ...older.cfa, target: '0612345678' }, featureCodes: { park: '*70' } },
    });
    const services = await store().loadServices();
    expect(services.cfa.target).toBe('0612345678');
    expect(services.featureCodes).toEqual({ ...featureCodes, park: '*70' });
  });

  it('takes the default for a value that no longer validates, and leaves what is stored alone', async () => {
    const broken = { panes: [{ id: 'calls', isCollapsed: 'yes', height: null }] };
    await storage.local.set({ workspace: broken });
    expect(await store().loadWorkspace()).toEqual(DEFAULT_WORKSPACE);
    expect(storage.local.data.get('workspace')).toEqual(broken);
  });

  it('removes a key set to nothing: the remembered login at logout, the last pending confirmation', async () => {
    await store().saveRememberedLogin({ ha1: '939e7578ed9e3c518a452acee763bce9', realm: 'pbx.example' });
    expect(await store().loadRememberedLogin()).toEqual({
      ha1: '939e7578ed9e3c518a452acee763bce9',
      realm: 'pbx.example',
    });
    await store().saveRememberedLogin(null);
    expect(storage.local.data.has('credential.remembered')).toBe(false);
    await store().savePendingDials([
      { id: 'p1', number: '+442079460958', reason: 'international', site: '', requestedAt: 1 },
    ]);
    await store().savePendingDials([]);
    expect(storage.session.data.has('clickToCall.pending')).toBe(false);
  });

  it('never takes a malformed HA1 for one', async () => {
    await storage.local.set({ 'credential.remembered': { ha1: 'not-a-digest', realm: 'pbx.example' } });
    expect(await store().loadRememberedLogin()).toBeNull();
  });
});
