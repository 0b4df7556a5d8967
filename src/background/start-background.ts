import { browser, type Runtime } from '../platform/browser.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import type { Credential } from '../shared/model/account.ts';
import type { Logger } from '../shared/log.ts';
import { BackgroundCommands } from '../shared/protocol/background-commands.ts';
import type { CommandSender, Handlers } from '../shared/protocol/command-contract.ts';
import { ENGINE_HOST_PORT, EngineEvents } from '../shared/protocol/engine-commands.ts';
import { CLICK_TO_CALL_COMMAND_TYPES, ClickToCallCommands } from '../shared/protocol/click-to-call-commands.ts';
import { INITIAL_CLICK_TO_CALL } from '../shared/model/click-to-call.ts';
import { serveCommands } from '../shared/protocol/messenger.ts';
import { slicesOfPortName } from '../shared/protocol/state-port.ts';
import { createBackgroundHandlers } from './background-handlers.ts';
import { offerBrowserDialEntries } from './click-to-call/browser-dial-entries.ts';
import { ClickToCallService } from './click-to-call/click-to-call-service.ts';
import { PageAccess } from './click-to-call/page-access.ts';
import { notifyPendingDials } from './click-to-call/pending-dial-notifier.ts';
import type { EngineStateSink } from './engine-state-sink.ts';
import { CallHistory } from './call-history.ts';
import { SwitchboardDatabase } from './storage/database.ts';
import { engineOptionsOf } from './engine-options.ts';
import { HistoryKeeper } from './history-keeper.ts';
import { followStateOnToolbar } from './toolbar.ts';
import { notifyIncomingCalls } from './incoming-call-notifier.ts';
import { handleKeyboardCommands } from './keyboard-commands.ts';
import { openConsoleFromBackground } from './open-console.ts';
import { ConsoleWindow } from './console-window.ts';
import { ContactBook } from './contacts/contact-book.ts';
import { ContactsService } from './contacts/contacts-service.ts';
import { PbxCallLogs } from './pbx/pbx-call-logs.ts';
import { PbxBackends } from './pbx/pbx-backends.ts';
import type { LineIntent, PhoneLine } from './phone-line.ts';
import { EngineWatch } from './engine-watch.ts';
import type { SettingsStore } from './settings-store.ts';
import type { StateHub } from './state-hub.ts';

export interface BackgroundParts {
  readonly log: Logger;
  readonly hub: StateHub;
  readonly store: SettingsStore;
  readonly sink: EngineStateSink;
  readonly phone: PhoneLine;
}

const BackgroundContract = { ...BackgroundCommands, ...EngineEvents, ...ClickToCallCommands };
type BackgroundContract = typeof BackgroundContract;
/** The company directories are read again this often (and on demand, from the pane). */
const DIRECTORY_SYNC_ALARM = 'directories-sync';
const DIRECTORY_SYNC_MINUTES = 15;
/** The PBX's call logs are read this often (and at login, and when the history is opened). */
const CALL_LOGS_ALARM = 'pbx-call-logs';
const CALL_LOGS_MINUTES = 5;

const ENGINE_EVENT_TYPES = new Set<string>(Object.keys(EngineEvents));

/**
 * Wires the background, the same on both browsers. Every listener is added synchronously, before the first await:
 * a service worker woken by an event must have its listener in place when the event is dispatched.
 */
export function startBackground({ log, hub, store, sink, phone }: BackgroundParts): void {
  log.info('background started');
  const database = new SwitchboardDatabase();
  const contactBook = new ContactBook(database, hub.state.phone.defaultCountry);
  const contacts = new ContactsService(contactBook, store, hub, log);
  // Slow at a browser's start (see `readManaged`): begun now, shown when it comes, never awaited by the UIs.
  const managedRead = contacts.readManaged();
  const nameOf = async (number: string) => (await contacts.identify(number))?.name ?? null;
  const history = new HistoryKeeper(new CallHistory(database), store, hub, phone, log, nameOf);
  restrictLocalStorageToTheExtension(log);
  const clickToCall = new ClickToCallService(hub, store, phone, log);
  const pageAccess = new PageAccess(hub, log);
  pageAccess.listen();
  // A change the sink cannot follow (this worker just started, a message crossed a snapshot): take the whole state.
  sink.onResync = async () => {
    try {
      sink.apply(await phone.send('engine/state', {}));
    } catch (error) {
      log.warn('could not read the engine state', error);
    }
  };
  // Started now, awaited by every browser-event listener below (added now, so an event that woke us is not lost).
  const restored = restore({ log, hub, store, sink, phone }).catch((error: unknown) =>
    log.error('could not restore the state', error),
  );
  const dialEntries = offerBrowserDialEntries(hub, store, clickToCall, log, restored);
  followStateOnToolbar(hub, log);
  notifyIncomingCalls(hub, phone, () => openConsoleFromBackground(), log, restored, nameOf);
  notifyPendingDials(hub, clickToCall, () => openConsoleFromBackground(), log, restored);
  handleKeyboardCommands(hub, phone, openConsoleFromBackground, (tab) => dialEntries.callSelection(tab), log, restored);
  const engineWatch = phone.engineMayStopAlone
    ? new EngineWatch(hub, phone, () => loadLineIntent(store, hub), log)
    : null;
  const pbx = new PbxBackends(hub, store, phone, log);
  const callLogs = new PbxCallLogs(() => pbx.current(), history, log);
  /** The UIs' first state has what they show (settings, the engine's state, the history, the contacts' slice). */
  const stateReady = restored.then(async () => {
    await Promise.all([
      pageAccess.refresh().catch((error: unknown) => log.warn('could not read the granted sites', error)),
      dialEntries.syncMenus().catch((error: unknown) => log.warn('could not create the context menus', error)),
    ]);
    hub.onChange((_state, key) => {
      if (key === 'general')
        void dialEntries.syncMenus().catch((error: unknown) => log.warn('could not update the context menus', error));
    });
    await history.refresh();
    engineWatch?.follow();
    contactBook.useCountry(hub.state.phone.defaultCountry);
    await contacts.refresh();
  });
  const ready = stateReady.then(async () => {
    // Abandoned imports' rows, before any command (a new import) runs; the UIs need not wait (~0.3 s with 100,000
    // contacts: the day's first reads of the database).
    await contactBook.dropStaged();
    keepLampsWatched(hub, phone, log);
    keepXsiWatched(hub, phone, pbx, log);
    sink.onOwnServices = (own) => pbx.onOwnServicesSaid(own);
    readCallLogsAtLogin(hub, callLogs);
    hub.onChange((state, key) => {
      if (key === 'calls') void contacts.identifyCalls(state.calls);
      if (key === 'lamps') void contacts.identifyLampPeers(state.lamps);
      if (key === 'phone')
        void contactBook
          .reindex(state.phone.defaultCountry)
          .catch((error: unknown) => log.warn('could not index the contacts again', error));
    });
    void contacts.identifyCalls(hub.state.calls);
    // The server directories: read now if their copy is old, then on the schedule.
    await browser.alarms.create(DIRECTORY_SYNC_ALARM, { periodInMinutes: DIRECTORY_SYNC_MINUTES });
    await browser.alarms.create(CALL_LOGS_ALARM, { periodInMinutes: CALL_LOGS_MINUTES });
    void managedRead
      .then(async () => {
        await contacts.refresh();
        await contacts.syncStale(DIRECTORY_SYNC_MINUTES * 60_000);
      })
      .catch((error: unknown) => log.warn('could not refresh or read the directories after managed storage', error));
    sink.onEndedCalls = (records) => history.onEndedCalls(records);
    // Calls that ended while the background was away are in the engine's state already.
    const pending = sink.pendingEndedCalls;
    if (pending.length > 0) history.onEndedCalls(pending);
  });

  // The administrator's configuration changed (Chrome re-reads policies while running; Firefox only at start).
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void ready.then(() => contacts.onManagedChange());
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (engineWatch !== null && engineWatch.onAlarm(alarm.name)) return;
    if (alarm.name === DIRECTORY_SYNC_ALARM) void ready.then(() => contacts.syncStale(DIRECTORY_SYNC_MINUTES * 60_000));
    if (alarm.name !== CALL_LOGS_ALARM) return;
    void ready.then(() => {
      if (hub.state.registration.status === RegistrationStatus.Registered) void callLogs.readIfOlderThan(60_000);
    });
  });

  const handlers = {
    ...createBackgroundHandlers({
      hub,
      store,
      phone,
      history,
      clickToCall,
      contacts,
      consoleWindow: new ConsoleWindow(store, log),
      pbx,
      callLogs,
    }),
    'engine/state-changed': (delta) => sink.applyDelta(delta),
    'click-to-call/page-settings': (_request, sender) => clickToCall.pageSettingsFor(sender.url),
    'click-to-call/dial': async (request, sender) => ({ outcome: await clickToCall.dialFromPage(request, sender) }),
  } satisfies Handlers<BackgroundContract>;

  serveCommands({
    target: 'background',
    contract: BackgroundContract,
    handlers,
    log,
    ready,
    isAllowed: (sender, type) => {
      if (ENGINE_EVENT_TYPES.has(type)) return isEngineDocument(sender);
      // A content script speaks for a web page: it may ask for its page's settings and a dial, nothing else.
      if (CLICK_TO_CALL_COMMAND_TYPES.has(type)) return sender.kind === 'content-script';
      return sender.kind === 'extension-page' && !isEngineDocument(sender);
    },
  });

  // First install: the one page that may ask for the microphone, with why (no other context of ours can ask).
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') });
  });

  browser.runtime.onConnect.addListener((port: Runtime.Port) => {
    const isEnginePage =
      isExtensionPage(port.sender) && (port.sender?.url ?? '').startsWith(browser.runtime.getURL('offscreen.html'));
    if (port.name === ENGINE_HOST_PORT && isEnginePage && engineWatch !== null) {
      engineWatch.watchPort(port);
      return;
    }
    const slices = slicesOfPortName(port.name);
    if (slices === null || !isExtensionPage(port.sender)) {
      log.warn('refused a port', port.name, port.sender?.url);
      port.disconnect();
      return;
    }
    // The page may close before the state is ready; a closed port must not be touched afterwards.
    let isClosed = false;
    port.onDisconnect.addListener(() => (isClosed = true));
    void stateReady.then(() => {
      if (!isClosed) hub.attach(port, slices);
    });
  });
}

async function restore({ log, hub, store, phone }: BackgroundParts): Promise<void> {
  // A profile of an earlier release is brought to this release's shape before anything reads it.
  await store.migrate();
  const [workspace, workspaceDraft, clickToCall, pendingDials, general, phoneSettings, services, account, queuePane] =
    await Promise.all([
      store.loadWorkspace(),
      store.loadWorkspaceDraft(),
      store.loadClickToCall(),
      store.loadPendingDials(),
      store.loadGeneral(),
      store.loadPhone(),
      store.loadServices(),
      store.loadAccount(),
      store.loadQueuePane(),
    ]);
  hub.setSlice('general', general);
  hub.setSlice('phone', phoneSettings);
  hub.setSlice('services', services);
  hub.setSlice('queuePane', queuePane);
  hub.setSlice('clickToCall', { ...INITIAL_CLICK_TO_CALL, settings: clickToCall, pending: pendingDials });
  hub.setSlice('workspace', { current: workspaceDraft ?? workspace, isChanged: workspaceDraft !== null });
  const intent = await loadLineIntent(store, hub);
  hub.setSlice(
    'account',
    account === null
      ? null
      : { settings: account.settings, rememberMe: account.rememberMe, hasCredential: intent.credential !== null },
  );
  hub.setSlice('registration', {
    status: account === null ? RegistrationStatus.Unconfigured : RegistrationStatus.LoggedOut,
  });
  log.info('settings restored; resuming the phone line');
  try {
    await phone.resume(intent);
  } catch (error) {
    log.error('could not resume the phone line', error);
  }
}

/** The line the receptionist wants, from storage: the account, its credential, and whether they are logged in. */
async function loadLineIntent(store: SettingsStore, hub: StateHub): Promise<LineIntent> {
  const [account, password, isLoggedInThisSession, remembered] = await Promise.all([
    store.loadAccount(),
    store.loadSessionPassword(),
    store.loadShouldBeRegistered(),
    store.loadRememberedLogin(),
  ]);
  // This browser session's password first; after a browser restart, the HA1 that "remember me" kept.
  const credential: Credential | null =
    password !== null
      ? { kind: 'password', password }
      : account?.rememberMe === true && remembered !== null
        ? { kind: 'ha1', ha1: remembered.ha1 }
        : null;
  return {
    account: account?.settings ?? null,
    credential,
    shouldBeRegistered: isLoggedInThisSession || credential?.kind === 'ha1',
    options: engineOptionsOf(hub.state.phone, hub.state.services, hub.state.contacts.watchedLines),
  };
}

/**
 * The busy lamps follow the favourites and the park slots: the engine is told their lines whenever they change, and
 * again each time the line comes up registered (an engine that was started again — Chrome closed the offscreen
 * document — starts without them).
 */
function keepLampsWatched(hub: StateHub, phone: PhoneLine, log: Logger): void {
  let sent: string | null = null;
  let wasRegistered = false;
  const send = () => {
    const options = engineOptionsOf(hub.state.phone, hub.state.services, hub.state.contacts.watchedLines);
    sent = options.watchedLines.join('\n');
    phone
      .send('engine/configure', options)
      .catch((error: unknown) => log.warn('could not tell the engine which lines to watch', error));
  };
  send();
  hub.onChange((state, key) => {
    if (key === 'contacts' || key === 'services') {
      const lines = engineOptionsOf(state.phone, state.services, state.contacts.watchedLines).watchedLines;
      if (lines.join('\n') !== sent) send();
    }
    if (key !== 'registration') return;
    const isRegistered = state.registration.status === RegistrationStatus.Registered;
    if (isRegistered && !wasRegistered) send();
    wasRegistered = isRegistered;
  });
}

/**
 * The XSI event channel follows the chosen queues, the favourites' services and the user's own services and calls:
 * the engine is told them (with the XSI server and the user's authorization) when the choice, the favourites or the
 * account change, and each time the line comes up registered (a restarted engine starts without them); logging out
 * stops it.
 */
function keepXsiWatched(hub: StateHub, phone: PhoneLine, pbx: PbxBackends, log: Logger): void {
  let wasRegistered = false;
  let sentLines = '';
  const send = async () => {
    const isRegistered = hub.state.registration.status === RegistrationStatus.Registered;
    sentLines = hub.state.contacts.watchedLines.join('\n');
    const watch = isRegistered ? await pbx.xsiWatch() : null;
    await phone
      .send('engine/watch-xsi', { watch })
      .catch((error: unknown) => log.warn('could not tell the engine which queues to watch', error));
  };
  void send();
  hub.onChange((state, key) => {
    if (key === 'queuePane' || key === 'account') void send();
    // The favourites' lines are the monitored users: followed as they change.
    if (key === 'contacts' && state.contacts.watchedLines.join('\n') !== sentLines) void send();
    if (key !== 'registration') return;
    const isRegistered = state.registration.status === RegistrationStatus.Registered;
    if (isRegistered !== wasRegistered) void send();
    wasRegistered = isRegistered;
  });
}

/**
 * The PBX's call logs are read each time the line comes up registered with the account's credentials in hand (at
 * login the line registers before the account is kept): what was missed while away shows at once. A service worker
 * woken while the line is already up reads nothing (the alarm and the history's opening keep the logs fresh).
 */
function readCallLogsAtLogin(hub: StateHub, callLogs: PbxCallLogs): void {
  const isReady = () =>
    hub.state.registration.status === RegistrationStatus.Registered && hub.state.account?.hasCredential === true;
  let wasReady = isReady();
  hub.onChange((_state, key) => {
    if (key !== 'registration' && key !== 'account') return;
    const ready = isReady();
    if (ready && !wasReady) void callLogs.read();
    wasReady = ready;
  });
}

/**
 * Chrome lets content scripts read `storage.local` unless told otherwise; ours never need to (they ask the
 * background), and the remembered credential lives there. Firefox has no such switch (written down in ARCHITECTURE).
 */
function restrictLocalStorageToTheExtension(log: Logger): void {
  const local = (typeof chrome !== 'undefined' ? chrome.storage?.local : undefined) as
    { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> } | undefined;
  local
    ?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    ?.catch((error: unknown) => log.warn('could not restrict storage.local', error));
}

function isExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  return sender?.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

function isEngineDocument(sender: CommandSender): boolean {
  return sender.kind === 'extension-page' && sender.url.startsWith(browser.runtime.getURL('offscreen.html'));
}
