import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallAction, CallId } from '../../src/shared/model/call.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import type { EngineCommandType, LineIntent, PhoneLine } from '../../src/background/phone-line.ts';
import type { CommandRequest, CommandResponse } from '../../src/shared/protocol/command-contract.ts';
import type { EngineCommands } from '../../src/shared/protocol/engine-commands.ts';
import {
  browserEvent,
  FakeEvent,
  installChromeGlobal,
  resetFakeBrowser,
  storage,
  stopWorker,
} from '../support/fake-browser.ts';
import { ringingCall } from '../support/call-fixture.ts';
import { NO_CALL_QUEUES } from '../../src/shared/model/call-queue.ts';

vi.mock('../../src/platform/browser.ts', async () => (await import('../support/fake-browser.ts')).fakePlatform());

const { startBackground } = await import('../../src/background/start-background.ts');
const { StateHub } = await import('../../src/background/state-hub.ts');
const { EngineStateSink } = await import('../../src/background/engine-state-sink.ts');
const { SettingsStore } = await import('../../src/background/settings-store.ts');
const { createLogger } = await import('../../src/shared/log.ts');
const { statePortName } = await import('../../src/shared/protocol/state-port.ts');

const RINGING_ID = 'call-ringing-1' as CallId;

/** The engine as it runs on in its own document while the worker sleeps: registered, one call ringing. */
function engineState(): EngineState {
  return {
    instanceId: 'engine-1',
    revision: 7,
    registration: { status: 'Registered', since: 1 },
    calls: [ringingCall(RINGING_ID, { remoteName: 'Bob', remoteNumber: '202', createdAt: 1 })],
    endedCalls: [],
    lamps: [],
    voicemail: null,
    conference: null,
    microphone: null,
    queues: NO_CALL_QUEUES,
    ownServices: null,
    callsElsewhere: [],
    interruption: null,
  };
}

/** The phone line as the background sees it; its engine state arrives when the background resumes it (a message). */
class EnginePhoneLine implements PhoneLine {
  readonly acts: [CallId, CallAction][] = [];
  readonly dials: string[] = [];
  readonly engineMayStopAlone = false;
  constructor(private readonly sink: InstanceType<typeof EngineStateSink>) {}
  async resume(_intent: LineIntent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.sink.apply(engineState());
  }
  send<K extends EngineCommandType>(
    type: K,
    request: CommandRequest<EngineCommands, K>,
  ): Promise<CommandResponse<EngineCommands, K>> {
    const answer = (value: unknown) => Promise.resolve(value as CommandResponse<EngineCommands, K>);
    if (type === 'engine/call-action') {
      const { callId, action } = request as CommandRequest<EngineCommands, 'engine/call-action'>;
      this.acts.push([callId as CallId, action]);
    } else if (type === 'engine/dial') {
      this.dials.push((request as CommandRequest<EngineCommands, 'engine/dial'>).target);
      return answer({ callId: 'call-out-1' });
    }
    return answer(undefined);
  }
}

/** A service worker starting: the whole background wired over the fake browser, as `chrome-main.ts` does. */
function startWorker() {
  const log = createLogger('background-test');
  const hub = new StateHub(log);
  const sink = new EngineStateSink(hub);
  const phone = new EnginePhoneLine(sink);
  startBackground({ log, hub, store: new SettingsStore(log), sink, phone });
  return { hub, phone };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Issue #10.7: browser events that wake the service worker act on the state once it is back. */
describe('the service worker woken by a browser event', () => {
  beforeEach(() => {
    resetFakeBrowser();
    installChromeGlobal();
    void storage.local.set({
      account: {
        serverUrl: 'wss://pbx.example/ws',
        sipAddress: 'reception@pbx.example',
        authorizationUser: '',
        displayName: '',
        outboundProxy: '',
        xsiUrl: '',
      },
    });
  });

  it('answers the ringing call when the answer shortcut is what woke it', async () => {
    const worker = startWorker();
    // Dispatched at once, as when the shortcut starts the worker: the calls are not known yet.
    browserEvent('commands.onCommand').fire('answer-call');
    await settled();
    expect(worker.phone.acts).toEqual([[RINGING_ID, 'answer']]);
  });

  it('declines from the notification button after the worker was stopped', async () => {
    startWorker();
    await settled();
    stopWorker();
    const worker = startWorker();
    browserEvent('notifications.onButtonClicked').fire(`incoming-call:${RINGING_ID}`, 1);
    await settled();
    expect(worker.phone.acts).toEqual([[RINGING_ID, 'hang-up']]);
  });

  it('places a call from a page once confirmed, though the worker was stopped while the question waited', async () => {
    const first = startWorker();
    await settled();
    // "Call …" from the context menu on another country's number: held for the receptionist's yes.
    browserEvent('contextMenus.onClicked').fire(
      { menuItemId: 'switchboard-call-selection', selectionText: '+44 20 7946 0958' },
      { url: 'https://crm.example/' },
    );
    await settled();
    const [pending] = first.hub.state.clickToCall.pending;
    expect(pending).toMatchObject({ number: '+442079460958', reason: 'international' });

    stopWorker();
    const second = startWorker();
    browserEvent('notifications.onButtonClicked').fire(`confirm-dial:${pending?.id}`, 0);
    await settled();
    expect(second.phone.dials).toEqual(['+442079460958']);
    expect(second.hub.state.clickToCall.pending).toEqual([]);
  });
});

/** A UI's state port as the background receives it: what the background posts on it is kept. */
function uiStatePort() {
  const posted: unknown[] = [];
  const port = {
    name: statePortName('all'),
    sender: { id: 'switchboard-test', url: 'chrome-extension://switchboard-test/sidepanel.html' },
    onMessage: new FakeEvent(),
    onDisconnect: new FakeEvent(),
    postMessage: (message: unknown) => posted.push(message),
    disconnect: () => undefined,
  };
  return { port, posted };
}

describe('the console’s first state at a browser’s start', () => {
  beforeEach(() => {
    resetFakeBrowser();
    installChromeGlobal();
    // Were the administrator's directory read from its server: no network here.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('no network in unit tests')));
  });

  it('is sent before managed storage answers (Chromium: 1.5–3 s after it starts); the administrator’s directory comes after', async () => {
    storage.managed.data.set('directories', [
      { id: 'sales', name: 'Sales', type: 'url', url: 'https://directory.example/sales.vcf' },
    ]);
    // Read from its server a minute ago: not read again now, so only the refresh after managed storage shows it.
    await new SettingsStore(createLogger('background-test')).saveDirectorySync({
      'managed-sales': { syncToken: null, lastSyncedAt: Date.now() - 60_000, error: null },
    });
    const answerManaged = storage.managed.holdReads();
    const worker = startWorker();
    const ui = uiStatePort();
    browserEvent('runtime.onConnect').fire(ui.port);
    await settled();
    expect(ui.posted).toEqual([expect.objectContaining({ kind: 'snapshot' })]);
    expect(worker.hub.state.contacts.directories.map((directory) => directory.id)).not.toContain('managed-sales');

    answerManaged();
    await settled();
    expect(worker.hub.state.contacts.directories.map((directory) => directory.id)).toContain('managed-sales');
    expect(ui.posted.length).toBeGreaterThan(1);
  });

  it('names a ringing caller no directory knew once one does (the contacts changed: the calls looked up again)', async () => {
    const worker = startWorker();
    await settled();
    expect(worker.hub.state.calls.map((call) => call.id)).toEqual([RINGING_ID]);
    expect(worker.hub.state.callerIds[RINGING_ID]).toBeUndefined();

    browserEvent('runtime.onMessage').fire(
      {
        sb: 1,
        to: 'background',
        type: 'contacts/save',
        payload: {
          directoryId: 'personal',
          id: null,
          fields: {
            name: 'Bob Martin',
            company: '',
            department: '',
            title: '',
            location: '',
            notes: '',
            phones: [{ type: 'extension', number: '202' }],
            emails: [],
          },
        },
      },
      { id: 'switchboard-test', url: 'chrome-extension://switchboard-test/sidepanel.html' },
    );
    await settled();
    expect(worker.hub.state.callerIds[RINGING_ID]).toMatchObject({ name: 'Bob Martin' });
  });
});
