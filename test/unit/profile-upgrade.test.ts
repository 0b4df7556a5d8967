import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineCommandType, LineIntent, PhoneLine } from '../../src/background/phone-line.ts';
import type { CommandRequest, CommandResponse } from '../../src/shared/protocol/command-contract.ts';
import type { EngineCommands } from '../../src/shared/protocol/engine-commands.ts';
import { installChromeGlobal, resetFakeBrowser, storage } from '../support/fake-browser.ts';

vi.mock('../../src/platform/browser.ts', async () => (await import('../support/fake-browser.ts')).fakePlatform());

const { startBackground } = await import('../../src/background/start-background.ts');
const { StateHub } = await import('../../src/background/state-hub.ts');
const { EngineStateSink } = await import('../../src/background/engine-state-sink.ts');
const { SettingsStore } = await import('../../src/background/settings-store.ts');
const { CallHistory } = await import('../../src/background/call-history.ts');
const { SwitchboardDatabase } = await import('../../src/background/storage/database.ts');
const { createLogger } = await import('../../src/shared/log.ts');

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/storage/${name}`, import.meta.url), 'utf8')) as T;

/** The line as the background resumes it; records the intent it was given. */
class RecordingPhoneLine implements PhoneLine {
  readonly engineMayStopAlone = false;
  intent: LineIntent | null = null;
  resume(intent: LineIntent): Promise<void> {
    this.intent = intent;
    return Promise.resolve();
  }
  send<K extends EngineCommandType>(
    _type: K,
    _request: CommandRequest<EngineCommands, K>,
  ): Promise<CommandResponse<EngineCommands, K>> {
    return Promise.resolve(undefined as CommandResponse<EngineCommands, K>);
  }
}

/** Issue #11: a receptionist's profile written by release 0.1 opens in this release with nothing lost. */
describe('a profile of release 0.1', () => {
  beforeEach(async () => {
    resetFakeBrowser();
    installChromeGlobal();
    await Dexie.delete('switchboard');
  });

  it('opens with every setting, the saved workspace, the remembered login and every history row', async () => {
    const { items } = fixture<{ items: Record<string, unknown> }>('local-v0.json');
    await storage.local.set(items);
    const { callHistory } = fixture<{ callHistory: unknown[] }>('database-v1.json');
    // The extension's own database, as release 0.1 left it.
    const old = new Dexie('switchboard');
    old.version(1).stores({ callHistory: 'id, endedAt' });
    await old.table('callHistory').bulkPut(callHistory);
    old.close();

    const log = createLogger('profile-test');
    const hub = new StateHub(log);
    const phone = new RecordingPhoneLine();
    startBackground({ log, hub, store: new SettingsStore(log), sink: new EngineStateSink(hub), phone });
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Every setting as the receptionist left it.
    expect(hub.state.general).toEqual(items['settings.general']);
    // Settings that came later (busy lamps, 0.4; the reception queue, 0.5) take their defaults beside them.
    expect(hub.state.phone).toEqual({
      ...(items['settings.phone'] as object),
      pickupMethod: 'replaces',
      transferRecallSeconds: 30,
      receptionQueue: false,
      receptionQueueOverflowSeconds: 120,
      receptionQueueMaxCallers: 0,
      receptionQueueOverflowTo: '',
      receptionQueueMusic: false,
    });
    const services = items['settings.services'] as { featureCodes: object };
    expect(hub.state.services).toEqual({
      ...services,
      featureCodes: { ...services.featureCodes, pickup: '**' },
      parkSlots: '',
    });
    expect(hub.state.clickToCall.settings).toEqual(items['settings.clickToCall']);
    // The layout as it was; the contacts' directories (new in 0.3) none hidden, none in the call console.
    expect(hub.state.workspace).toEqual({
      current: { ...(items['workspace'] as object), directories: { hidden: [], inCallConsole: [] } },
      isChanged: false,
    });
    // The PBX services backend (0.4) defaults to plain SIP.
    expect(hub.state.account).toEqual({
      settings: { ...(items['account'] as object), xsiUrl: '' },
      rememberMe: true,
      hasCredential: true,
    });
    // "Remember me" still logs back in, with the HA1 kept (now one value, written at once).
    expect(phone.intent).toMatchObject({
      shouldBeRegistered: true,
      credential: { kind: 'ha1', ha1: items['credential.ha1'] },
    });
    expect(storage.local.data.get('credential.remembered')).toEqual({
      ha1: items['credential.ha1'],
      realm: 'pbx.example.com',
    });
    expect(
      ['credential.ha1', 'credential.realm', 'intent.rememberedLogin'].filter((key) => storage.local.data.has(key)),
    ).toEqual([]);
    expect(storage.local.data.get('storage.version')).toBe(1);
    // Every call of the history, and the missed calls already seen stay seen.
    const history = new CallHistory(new SwitchboardDatabase());
    expect((await history.list({ filter: 'all', search: '', limit: 10 })).map((row) => row.id)).toEqual([
      'call-m3x1-3',
      'call-m3x1-2',
      'call-m3x1-1',
    ]);
    expect(hub.state.history.unseenMissed).toBe(1);
  });

  it('is migrated once: a second start finds it at this version and changes nothing', async () => {
    const { items } = fixture<{ items: Record<string, unknown> }>('local-v0.json');
    await storage.local.set(items);
    const log = createLogger('profile-test');
    const store = new SettingsStore(log);
    await store.migrate();
    const once = new Map(storage.local.data);
    await store.migrate();
    expect(new Map(storage.local.data)).toEqual(once);
  });
});
