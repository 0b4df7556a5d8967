import { type BackgroundCommands } from '../shared/protocol/background-commands.ts';
import { CommandError, type Handlers } from '../shared/protocol/command-contract.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import type { GeneralSettings } from '../shared/model/settings.ts';
import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import { dialString } from './dial-string.ts';
import { isSameWorkspace } from '../shared/model/workspace.ts';
import { changePassword } from './password-change.ts';
import { digestHa1 } from '../shared/credentials/digest-ha1.ts';
import { effectiveAuthorizationUser } from '../shared/model/account.ts';
import { engineOptionsOf } from './engine-options.ts';
import type { StateHub } from './state-hub.ts';
import type { SettingsStore } from './settings-store.ts';
import type { HistoryKeeper } from './history-keeper.ts';
import type { PhoneLine } from './phone-line.ts';
import type { ClickToCallService } from './click-to-call/click-to-call-service.ts';
import type { ConsoleWindow } from './console-window.ts';
import type { ContactsService } from './contacts/contacts-service.ts';
import type { PbxCallLogs } from './pbx/pbx-call-logs.ts';
import type { PbxBackends } from './pbx/pbx-backends.ts';
import { RECEPTION_QUEUE_ID, type QueueCallAction } from '../shared/model/call-queue.ts';
import type { CallId } from '../shared/model/call.ts';

export interface BackgroundHandlerDeps {
  readonly hub: StateHub;
  readonly store: SettingsStore;
  readonly phone: PhoneLine;
  readonly history: HistoryKeeper;
  readonly clickToCall: ClickToCallService;
  readonly consoleWindow: ConsoleWindow;
  readonly contacts: ContactsService;
  readonly pbx: PbxBackends;
  readonly callLogs: PbxCallLogs;
}

/** The background's answer to every command the extension's pages may send. */
export function createBackgroundHandlers({
  hub,
  store,
  phone,
  history,
  clickToCall,
  consoleWindow,
  contacts,
  pbx,
  callLogs,
}: BackgroundHandlerDeps) {
  /** The console's own reception queue: its calls are the engine's ringing calls. */
  const actInReceptionQueue = async (callId: CallId, action: QueueCallAction): Promise<void> => {
    switch (action.action) {
      case 'retrieve':
        return phone.send('engine/call-action', { callId, action: 'answer' });
      case 'release':
        return phone.send('engine/call-action', { callId, action: 'hang-up' });
      case 'transfer':
        return phone.send('engine/transfer', {
          callId,
          target: { kind: 'number', number: dialString(action.number, hub.state.phone) },
        });
      case 'move':
        return phone.send('engine/reception-queue-move', { callId, index: action.index });
      case 'promote':
        throw new CommandError({ code: 'failed', messageKey: 'error_reception_queue_no_priority' });
    }
  };
  return {
    // Nothing is stored until the server has accepted the registration: a wrong password or a dead server leaves the
    // account and credential that worked before exactly as they were.
    'account/login': async ({ account, password, rememberMe }) => {
      const { realm } = await phone.send('engine/login', {
        account,
        credential: { kind: 'password', password },
        options: engineOptionsOf(hub.state.phone, hub.state.services, hub.state.contacts.watchedLines),
      });
      const remembered =
        rememberMe && realm !== null
          ? { ha1: digestHa1(effectiveAuthorizationUser(account), realm, password), realm }
          : null;
      await Promise.all([
        store.saveAccount(account, rememberMe),
        store.saveSessionPassword(password),
        store.saveShouldBeRegistered(true),
        store.saveRememberedLogin(remembered),
      ]);
      hub.setSlice('account', { settings: account, hasCredential: true, rememberMe });
      void pbx.syncFromPbx();
    },

    'account/change-password': (request) => changePassword(request, { hub, store, phone }),

    'account/logout': async ({ workspace: answer }) => {
      // The workspace first: whatever happens to the line, the layout the receptionist chose to keep is kept.
      await settleWorkspace(answer, hub, store);
      await Promise.all([store.saveShouldBeRegistered(false), store.saveRememberedLogin(null)]);
      await phone.send('engine/logout', {});
      await store.forgetSessionPassword();
      const account = hub.state.account;
      if (account !== null) hub.setSlice('account', { ...account, hasCredential: false });
    },

    'workspace/update': async ({ workspace }) => {
      const saved = await store.loadWorkspace();
      const isChanged = !isSameWorkspace(workspace, saved);
      await store.saveWorkspaceDraft(isChanged ? workspace : null);
      hub.setSlice('workspace', { current: workspace, isChanged });
    },

    'console/open-window': () => consoleWindow.open(),
    'console/window-bounds': (bounds) => consoleWindow.rememberBounds(bounds),

    'settings/update-general': async (patch) => {
      const next: GeneralSettings = { ...hub.state.general, ...definedEntries(patch) };
      await store.saveGeneral(next);
      hub.setSlice('general', next);
      return next;
    },

    'history/list': (query) => history.list(query),
    'history/mark-missed-seen': () => history.markMissedSeen(),
    'phone/dismiss-interruption': () => phone.send('engine/dismiss-interruption', {}),
    // Opened: the PBX's call logs are read again unless that was just done.
    'history/read-pbx': async () => ({ added: await callLogs.readIfOlderThan(15_000) }),

    'settings/update-services': async (services) => {
      const before = hub.state.services;
      await pbx.current().switchServices(before, services);
      await store.saveServices(services);
      hub.setSlice('services', services);
      await phone.send('engine/configure', engineOptionsOf(hub.state.phone, services, hub.state.contacts.watchedLines));
      return services;
    },

    'settings/update-phone': async (patch) => {
      const next: PhoneSettings = { ...hub.state.phone, ...definedEntries(patch) };
      await store.savePhone(next);
      hub.setSlice('phone', next);
      await phone.send('engine/configure', engineOptionsOf(next, hub.state.services, hub.state.contacts.watchedLines));
      return next;
    },

    'call/dial': async ({ target }, { requestId }) => {
      if (hub.state.registration.status !== RegistrationStatus.Registered) {
        throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
      }
      // A speed dial's code dials its number, from any dial box.
      const dialled = dialString(contacts.resolveSpeedDial(target), hub.state.phone);
      return phone.send('engine/dial', { target: dialled }, requestId);
    },

    'call/action': ({ callId, action }, { requestId }) =>
      phone.send('engine/call-action', { callId, action }, requestId),
    'call/conference': (request, { requestId }) => phone.send('engine/conference', request, requestId),
    'call/stats': ({ callId }) => phone.send('engine/call-stats', { callId }),
    'call/transfer': ({ callId, target }, { requestId }) =>
      phone.send(
        'engine/transfer',
        {
          callId,
          target:
            target.kind === 'number' ? { kind: 'number', number: dialString(target.number, hub.state.phone) } : target,
        },
        requestId,
      ),
    'call/dtmf': ({ callId, digits }, { requestId }) =>
      phone.send('engine/dtmf', { callId, digits, mode: hub.state.phone.dtmfMode }, requestId),
    'queues/available': () => pbx.callCenters.available(),
    'queues/choose': async (settings) => {
      await store.saveQueuePane(settings);
      hub.setSlice('queuePane', settings);
    },
    'queues/act': async ({ queueId, callId, action }) => {
      const plan = hub.state.phone;
      if (queueId === RECEPTION_QUEUE_ID) {
        await actInReceptionQueue(callId as CallId, action);
        return;
      }
      await pbx.callCenters.act(
        queueId,
        callId,
        action.action === 'transfer' ? { ...action, number: dialString(action.number, plan) } : action,
      );
    },
    'calls-elsewhere/act': ({ callId, action }) => pbx.userCalls.act(callId, action),
    'queues/service-mode': async (request) => {
      if (request.mode === 'night') await pbx.callCenters.setNightService(request.queueId, request.isActive);
      else
        await pbx.callCenters.setForcedForwarding(
          request.queueId,
          request.isActive,
          request.number === '' ? '' : dialString(request.number, hub.state.phone),
        );
    },
    'lamp/pick-up': ({ line }) => {
      if (hub.state.registration.status !== RegistrationStatus.Registered) {
        throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
      }
      const lamp = hub.state.lamps.find((each) => each.id === line);
      if (lamp?.state !== 'ringing') throw new CommandError({ code: 'failed', messageKey: 'error_pickup_not_ringing' });
      // Replaces when chosen and possible; else the PBX's directed pickup code with the colleague's line.
      if (hub.state.phone.pickupMethod === 'replaces' && lamp.pickup !== null)
        return phone.send('engine/pick-up', { pickup: lamp.pickup, callerName: lamp.peer ?? '' });
      return phone.send('engine/dial', { target: hub.state.services.featureCodes.pickup + line });
    },
    'settings/update-click-to-call': (settings) => clickToCall.updateSettings(settings),
    'click-to-call/set-site': ({ site, isEnabled }) => clickToCall.setSiteEnabled(site, isEnabled),
    'click-to-call/answer-pending': ({ id, accept }) => clickToCall.answerPending(id, accept),
    ...contacts.handlers(),
  } satisfies Handlers<BackgroundCommands>;
}

/** At logout: a changed layout is saved (Yes, or always), else the saved one comes back; no draft outlives it. */
async function settleWorkspace(
  answer: 'save' | 'discard' | undefined,
  hub: StateHub,
  store: SettingsStore,
): Promise<void> {
  const { current, isChanged } = hub.state.workspace;
  const shouldSave =
    isChanged && (answer === 'save' || (answer === undefined && hub.state.general.alwaysSaveWorkspace));
  if (shouldSave) await store.saveWorkspace(current);
  const kept = shouldSave ? current : await store.loadWorkspace();
  await store.saveWorkspaceDraft(null);
  hub.setSlice('workspace', { current: kept, isChanged: false });
}

function definedEntries<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
