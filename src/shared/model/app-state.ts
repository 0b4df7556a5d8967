import * as v from 'valibot';
import { AccountSettingsSchema } from './account.ts';
import { CallSchema, ConferenceSchema } from './call.ts';
import { ClickToCallStateSchema, INITIAL_CLICK_TO_CALL } from './click-to-call.ts';
import { VoicemailSummarySchema } from './voicemail.ts';
import { MicrophoneProblemSchema } from './microphone.ts';
import { EngineInterruptionSchema } from './engine-interruption.ts';
import { CallsElsewhereSchema, NO_CALLS_ELSEWHERE } from './call-elsewhere.ts';
import { DEFAULT_WORKSPACE, WorkspaceStateSchema } from './workspace.ts';
import { HistorySummarySchema } from './call-record.ts';
import { RegistrationStateSchema, RegistrationStatus } from './registration.ts';
import { DEFAULT_PHONE_SETTINGS, PhoneSettingsSchema } from './phone-settings.ts';
import { DEFAULT_SERVICES, ServicesSchema } from './services.ts';
import { DEFAULT_GENERAL_SETTINGS, GeneralSettingsSchema } from './settings.ts';
import { CallerIdentitySchema, ContactsStateSchema } from './contact.ts';
import { LampSchema } from './lamp.ts';
import { PbxBackendStateSchema, PLAIN_SIP_BACKEND } from './pbx-backend.ts';
import { CallQueuesStateSchema, DEFAULT_QUEUE_PANE, NO_CALL_QUEUES, QueuePaneSettingsSchema } from './call-queue.ts';

/** The account as UIs see it: never the password, only whether one is at hand. */
export const AccountSummarySchema = v.object({
  settings: AccountSettingsSchema,
  hasCredential: v.boolean(),
  rememberMe: v.boolean(),
});
export type AccountSummary = v.InferOutput<typeof AccountSummarySchema>;

/**
 * Everything a UI renders. Each top-level key is a slice with exactly one writer (see docs/ARCHITECTURE.md):
 * `account`, `general`, `phone`, `services`, `history`, `clickToCall`, `workspace`, `contacts`, `callerIds`, `pbx`,
 * `lampPeers` and `queuePane` — the background, from storage and the browser; `registration`, `calls`, `lamps`,
 * `conference`, `voicemail`, `microphone`, `queues`, `callsElsewhere` and `interruption` — the phone engine.
 * Patches replace a whole slice, which keeps them trivially ordered and idempotent.
 */
export const AppStateSchema = v.object({
  account: v.nullable(AccountSummarySchema),
  general: GeneralSettingsSchema,
  phone: PhoneSettingsSchema,
  services: ServicesSchema,
  registration: RegistrationStateSchema,
  calls: v.array(CallSchema),
  /** The busy lamps of the watched colleagues (engine), in the order of `contacts.watchedLines`. */
  lamps: v.array(LampSchema),
  /** The three-way conference in progress (engine), or null. */
  conference: v.nullable(ConferenceSchema),
  /** The message-waiting indicator (engine): null until the voicemail server has said. */
  voicemail: v.nullable(VoicemailSummarySchema),
  /** Why the last call could not open the microphone (engine), until it can again; null when nothing is wrong. */
  microphone: v.nullable(MicrophoneProblemSchema),
  history: HistorySummarySchema,
  clickToCall: ClickToCallStateSchema,
  workspace: WorkspaceStateSchema,
  /** The directories, favourites and speed dials (background, from the database and storage). */
  contacts: ContactsStateSchema,
  /** Who each call in progress is, by call id, when a directory knows its number (background). */
  callerIds: v.record(v.string(), CallerIdentitySchema),
  /** The PBX services backend in use (plain SIP or BroadWorks XSI) and its health (background). */
  pbx: PbxBackendStateSchema,
  /** Who the lamps' peers are (a lamp's `peer` → the name a directory knows it by), when one does (background). */
  lampPeers: v.record(v.string(), v.string()),
  /** The queues chosen for the queued-calls pane and how many calls each lists (background, from storage). */
  queuePane: QueuePaneSettingsSchema,
  /** The chosen call centers' queues as their XSI event channel keeps them (engine). */
  queues: CallQueuesStateSchema,
  /** The user's calls on their other phones, as the PBX reports them over XSI (engine). */
  callsElsewhere: CallsElsewhereSchema,
  /** Calls cut off when the phone engine before this one stopped (engine), until the receptionist dismisses it. */
  interruption: v.nullable(EngineInterruptionSchema),
});
export type AppState = v.InferOutput<typeof AppStateSchema>;
export type SliceKey = keyof AppState;

export const INITIAL_APP_STATE: AppState = {
  account: null,
  general: DEFAULT_GENERAL_SETTINGS,
  phone: DEFAULT_PHONE_SETTINGS,
  services: DEFAULT_SERVICES,
  registration: { status: RegistrationStatus.Unconfigured },
  calls: [],
  lamps: [],
  conference: null,
  voicemail: null,
  microphone: null,
  history: { revision: 0, unseenMissed: 0, recentNumbers: [] },
  clickToCall: INITIAL_CLICK_TO_CALL,
  workspace: { current: DEFAULT_WORKSPACE, isChanged: false },
  contacts: { directories: [], favorites: [], assignedFavorites: [], speedDials: [], watchedLines: [], revision: 0 },
  callerIds: {},
  pbx: PLAIN_SIP_BACKEND,
  lampPeers: {},
  queuePane: DEFAULT_QUEUE_PANE,
  queues: NO_CALL_QUEUES,
  callsElsewhere: NO_CALLS_ELSEWHERE,
  interruption: null,
};
