import { browser, type Runtime } from '../platform/browser.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import type { Credential } from '../shared/model/account.ts';
import type { Logger } from '../shared/log.ts';
import { BackgroundCommands } from '../shared/protocol/background-commands.ts';
import type { CommandSender, Handlers } from '../shared/protocol/command-contract.ts';
import { EngineEvents } from '../shared/protocol/engine-commands.ts';
import { serveCommands } from '../shared/protocol/messenger.ts';
import { UI_STATE_PORT } from '../shared/protocol/state-port.ts';
import { createBackgroundHandlers } from './background-handlers.ts';
import type { EngineStateSink } from './engine-state-sink.ts';
import { CallHistory } from './call-history.ts';
import { SwitchboardDatabase } from './database.ts';
import { engineOptionsOf } from './engine-options.ts';
import { HistoryKeeper } from './history-keeper.ts';
import { followStateOnToolbar } from './toolbar.ts';
import { notifyIncomingCalls } from './incoming-call-notifier.ts';
import { handleKeyboardCommands } from './keyboard-commands.ts';
import { openConsoleFromBackground } from './open-console.ts';
import type { PhoneLine } from './phone-line.ts';
import type { SettingsStore } from './settings-store.ts';
import type { StateHub } from './state-hub.ts';

export interface BackgroundParts {
  readonly log: Logger;
  readonly hub: StateHub;
  readonly store: SettingsStore;
  readonly sink: EngineStateSink;
  readonly phone: PhoneLine;
}

const BackgroundContract = { ...BackgroundCommands, ...EngineEvents };
type BackgroundContract = typeof BackgroundContract;
const ENGINE_EVENT_TYPES = new Set<string>(Object.keys(EngineEvents));

/**
 * Wires the background, the same on both browsers. Every listener is added synchronously, before the first await:
 * a service worker woken by an event must have its listener in place when the event is dispatched.
 */
export function startBackground({ log, hub, store, sink, phone }: BackgroundParts): void {
  log.info('background started');
  const history = new HistoryKeeper(new CallHistory(new SwitchboardDatabase()), store, hub, phone, log);
  followStateOnToolbar(hub, log);
  notifyIncomingCalls(hub, phone, () => openConsoleFromBackground(), log);
  handleKeyboardCommands(hub, phone, openConsoleFromBackground, log);
  const ready = restore({ log, hub, store, sink, phone }).then(async () => {
    await history.refresh();
    sink.onEndedCalls = (records) => history.onEndedCalls(records);
    // Calls that ended while the background was away are in the engine's state already.
    const pending = sink.pendingEndedCalls;
    if (pending.length > 0) history.onEndedCalls(pending);
  });

  const handlers = {
    ...createBackgroundHandlers({ hub, store, phone, history }),
    'engine/state-changed': (state) => sink.apply(state),
  } satisfies Handlers<BackgroundContract>;

  serveCommands({
    target: 'background',
    contract: BackgroundContract,
    handlers,
    log,
    ready,
    isAllowed: (sender, type) =>
      ENGINE_EVENT_TYPES.has(type) ? isEngineDocument(sender) : sender.kind === 'extension-page' && !isEngineDocument(sender),
  });

  // First install: the one page that may ask for the microphone, with why (no other context of ours can ask).
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') });
  });

  browser.runtime.onConnect.addListener((port: Runtime.Port) => {
    if (port.name !== UI_STATE_PORT || !isExtensionPage(port.sender)) {
      log.warn('refused a port', port.name, port.sender?.url);
      port.disconnect();
      return;
    }
    // The page may close before the state is ready; a closed port must not be touched afterwards.
    let isClosed = false;
    port.onDisconnect.addListener(() => (isClosed = true));
    void ready.then(() => {
      if (!isClosed) hub.attach(port);
    });
  });
}

async function restore({ log, hub, store, phone }: BackgroundParts): Promise<void> {
  const [general, phoneSettings, services, account, password, isLoggedInThisSession, ha1, isRemembered] = await Promise.all([
    store.loadGeneral(),
    store.loadPhone(),
    store.loadServices(),
    store.loadAccount(),
    store.loadSessionPassword(),
    store.loadShouldBeRegistered(),
    store.loadRememberedHa1(),
    store.loadRememberedLogin(),
  ]);
  // This browser session's password first; after a browser restart, the HA1 that "remember me" kept.
  const credential: Credential | null =
    password !== null ? { kind: 'password', password } : account?.rememberMe === true && isRemembered && ha1 !== null ? { kind: 'ha1', ha1 } : null;
  const shouldBeRegistered = isLoggedInThisSession || (credential?.kind === 'ha1' && isRemembered);
  hub.setSlice('general', general);
  hub.setSlice('phone', phoneSettings);
  hub.setSlice('services', services);
  hub.setSlice(
    'account',
    account === null ? null : { settings: account.settings, rememberMe: account.rememberMe, hasCredential: credential !== null },
  );
  hub.setSlice('registration', { status: account === null ? RegistrationStatus.Unconfigured : RegistrationStatus.LoggedOut });
  log.info('settings restored; resuming the phone line');
  try {
    await phone.resume({ account: account?.settings ?? null, credential, shouldBeRegistered, options: engineOptionsOf(phoneSettings, services) });
  } catch (error) {
    log.error('could not resume the phone line', error);
  }
}

function isExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  return sender?.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

function isEngineDocument(sender: CommandSender): boolean {
  return sender.kind === 'extension-page' && sender.url.startsWith(browser.runtime.getURL('offscreen.html'));
}
