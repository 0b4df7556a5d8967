import * as v from 'valibot';
import { CallElsewhereActionSchema } from '../model/call-elsewhere.ts';
import { AccountFormSchema, PasswordChangeSchema } from '../model/account.ts';
import {
  CallActionSchema,
  CallIdSchema,
  ConferenceRequestSchema,
  CallStatsSchema,
  DtmfDigitsSchema,
  TransferTargetSchema,
} from '../model/call.ts';
import { CallRecordSchema, HistoryFilterSchema } from '../model/call-record.ts';
import { PhoneSettingsSchema } from '../model/phone-settings.ts';
import { ServicesSchema } from '../model/services.ts';
import { ClickToCallSettingsSchema } from '../model/click-to-call.ts';
import { WorkspaceSchema } from '../model/workspace.ts';
import { GeneralSettingsSchema } from '../model/settings.ts';
import { WindowBoundsSchema } from '../model/console-window.ts';
import {
  ContactFieldsSchema,
  ContactIdSchema,
  ContactSchema,
  ContactSearchResultSchema,
  DirectoryIdSchema,
  SpeedDialSchema,
} from '../model/contact.ts';
import { DirectorySourceSchema, DirectorySyncStateSchema } from '../model/directory-source.ts';
import { WatchedLineSchema } from '../model/lamp.ts';
import {
  AvailableQueueSchema,
  CallQueueIdSchema,
  QueueCallActionSchema,
  QueuePaneSettingsSchema,
} from '../model/call-queue.ts';

/** An import's parts travel under one token, minted by the page that reads the file. */
const ImportTokenSchema = v.pipe(v.string(), v.regex(/^[a-z0-9-]{8,64}$/));
import type { CommandContract } from './command-contract.ts';

/** Commands the extension's own pages (side panel, popup, settings, welcome) send to the background. */
export const BackgroundCommands = {
  /** Saves the account, keeps the credential as "remember me" says, and logs in. */
  'account/login': { req: AccountFormSchema, res: v.void() },
  /**
   * Settings › General › Change password: the current password must be the one in use; the new one is kept only once
   * the server has accepted a registration with it (else the line comes back with the old one).
   */
  'account/change-password': { req: PasswordChangeSchema, res: v.void() },
  /**
   * Unregisters and forgets the session credential; the account settings stay. `workspace` is the receptionist's
   * answer to "save the workspace?"; without one, Settings › General decides (always save, or keep the saved one).
   */
  'account/logout': { req: v.object({ workspace: v.optional(v.picklist(['save', 'discard'])) }), res: v.void() },
  /** The receptionist rearranged the console (not saved until logout says so). */
  'workspace/update': { req: v.object({ workspace: WorkspaceSchema }), res: v.void() },
  /** Contacts matching what was typed, in the directories shown, one group per directory. */
  'contacts/search': { req: v.object({ text: v.pipe(v.string(), v.maxLength(100)) }), res: ContactSearchResultSchema },
  /** A page of a directory's contacts in name order, and how many it has. */
  'contacts/list': {
    req: v.object({
      directoryId: DirectoryIdSchema,
      offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
    }),
    res: v.object({ contacts: v.array(ContactSchema), total: v.number() }),
  },
  /** These contacts (the favourites), those that still exist. */
  'contacts/get': {
    req: v.object({ ids: v.pipe(v.array(ContactIdSchema), v.maxLength(500)) }),
    res: v.array(ContactSchema),
  },
  /** Adds (`id` null) or changes a contact of a directory kept here (Personal, Outlook). */
  'contacts/save': {
    req: v.object({ directoryId: DirectoryIdSchema, id: v.nullable(ContactIdSchema), fields: ContactFieldsSchema }),
    res: v.object({ id: ContactIdSchema }),
  },
  'contacts/delete': { req: v.object({ id: ContactIdSchema }), res: v.void() },
  /** One part of an import (at most 1,000 contacts), kept aside until the import is confirmed. */
  'contacts/import-stage': {
    req: v.object({ token: ImportTokenSchema, contacts: v.pipe(v.array(ContactFieldsSchema), v.maxLength(1000)) }),
    res: v.void(),
  },
  /** The import confirmed: its contacts join the directory (or replace it) at once. */
  'contacts/import-commit': {
    req: v.object({ token: ImportTokenSchema, directoryId: DirectoryIdSchema, mode: v.picklist(['add', 'replace']) }),
    res: v.object({ count: v.number() }),
  },
  'contacts/import-abandon': { req: v.object({ token: ImportTokenSchema }), res: v.void() },
  'contacts/set-favorite': { req: v.object({ id: ContactIdSchema, isFavorite: v.boolean() }), res: v.void() },
  'contacts/save-speed-dials': {
    req: v.object({
      speedDials: v.pipe(
        v.array(SpeedDialSchema),
        v.maxLength(100),
        v.check((all) => new Set(all.map((each) => each.code)).size === all.length, 'error_speed_dial_duplicate'),
      ),
    }),
    res: v.void(),
  },
  /** The company directories read from servers, with their credentials: for Settings › Directories only. */
  'contacts/sources': { req: v.object({}), res: v.array(DirectorySourceSchema) },
  /** Settings › Directories: the company directories read from servers (a removed one takes its copy with it). */
  'contacts/save-sources': {
    req: v.object({
      sources: v.pipe(
        v.array(DirectorySourceSchema),
        v.maxLength(20),
        v.check((all) => new Set(all.map((each) => each.id)).size === all.length, 'error_invalid_value'),
      ),
    }),
    res: v.void(),
  },
  /** Reads a server directory again now; its new sync state (with why it failed, if it did). */
  'contacts/sync': { req: v.object({ directoryId: DirectoryIdSchema }), res: DirectorySyncStateSchema },
  /** Opens the console in a window of its own where it was last put, or brings that window forward. */
  'console/open-window': { req: v.object({}), res: v.void() },
  /** The console's own window moved or was resized: where it is now, for the next time it opens. */
  'console/window-bounds': { req: WindowBoundsSchema, res: v.void() },
  'settings/update-general': { req: v.partial(GeneralSettingsSchema), res: GeneralSettingsSchema },
  /** The call history, newest first, for the console's history view. */
  'history/list': {
    req: v.object({
      filter: HistoryFilterSchema,
      search: v.pipe(v.string(), v.maxLength(64)),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
    }),
    res: v.array(CallRecordSchema),
  },
  /** The receptionist has read the notice of calls cut off when the phone engine stopped. */
  'phone/dismiss-interruption': { req: v.object({}), res: v.void() },
  /** The receptionist has seen the missed calls: they no longer count on the badge. */
  'history/mark-missed-seen': { req: v.object({}), res: v.void() },
  /** The history was opened: the PBX's call logs (XSI) are read into it unless they just were. */
  'history/read-pbx': { req: v.object({}), res: v.object({ added: v.number() }) },
  /** Saves Settings › Services; a service on the PBX is switched there by dialling its feature code. */
  'settings/update-services': { req: ServicesSchema, res: ServicesSchema },
  'settings/update-phone': { req: v.partial(PhoneSettingsSchema), res: PhoneSettingsSchema },
  /** Places a call from a number or SIP URI typed, pasted or clicked by the user. */
  'call/dial': {
    req: v.object({ target: v.pipe(v.string(), v.trim(), v.nonEmpty('error_dial_target_required'), v.maxLength(256)) }),
    res: v.object({ callId: CallIdSchema }),
    redeliverable: true,
  },
  /**
   * Transfers a call: blind to a number, or attended to another call (REFER with Replaces). Resolves when the
   * transfer has succeeded; on failure the call comes back (resumed after a blind transfer) and this rejects.
   */
  'call/transfer': {
    req: v.object({ callId: CallIdSchema, target: TransferTargetSchema }),
    res: v.void(),
    redeliverable: true,
  },
  /**
   * Picks up the call ringing at a watched colleague (their lamp): by Replaces or by the PBX's directed pickup code,
   * as Settings say. Refused when that line is not ringing.
   */
  'lamp/pick-up': { req: v.object({ line: WatchedLineSchema }), res: v.object({ callId: CallIdSchema }) },
  /** The call centers the receptionist may watch in the queued-calls pane (the PBX's list; XSI only). */
  'queues/available': { req: v.object({}), res: v.array(AvailableQueueSchema) },
  /** Saves the pane's favourite queues (up to five) and how many calls each lists; the engine watches them. */
  'queues/choose': { req: QueuePaneSettingsSchema, res: v.void() },
  /** Retrieves, transfers, releases, promotes or moves one queued call; what the PBX refuses is said in words. */
  'queues/act': {
    req: v.object({
      queueId: CallQueueIdSchema,
      callId: v.pipe(v.string(), v.maxLength(256)),
      action: QueueCallActionSchema,
    }),
    res: v.void(),
  },
  /** Hangs up, holds or takes back a call on the user's other phone, through the PBX (XSI call control). */
  'calls-elsewhere/act': {
    req: v.object({ callId: v.pipe(v.string(), v.minLength(1), v.maxLength(256)), action: CallElsewhereActionSchema }),
    res: v.void(),
  },
  /** Switches a queue's night service (by hand) or forced forwarding (to a number). */
  'queues/service-mode': {
    req: v.variant('mode', [
      v.object({ queueId: CallQueueIdSchema, mode: v.literal('night'), isActive: v.boolean() }),
      v.object({
        queueId: CallQueueIdSchema,
        mode: v.literal('forced-forwarding'),
        isActive: v.boolean(),
        number: v.pipe(v.string(), v.trim(), v.maxLength(64)),
      }),
    ]),
    res: v.void(),
  },
  /** Sends DTMF digits on a call: RFC 4733 in the media, or SIP INFO, as Settings say. */
  'call/dtmf': {
    req: v.object({ callId: CallIdSchema, digits: DtmfDigitsSchema }),
    res: v.void(),
    redeliverable: true,
  },
  'call/stats': { req: v.object({ callId: CallIdSchema }), res: CallStatsSchema },
  /**
   * Acts on one call: answer (any other call in progress is held first), hang up (cancels, declines or ends as fits),
   * hold, resume, mute, unmute.
   */
  'call/action': {
    req: v.object({ callId: CallIdSchema, action: CallActionSchema }),
    res: v.void(),
    redeliverable: true,
  },
  /** My Conferences: start one from two calls; end it (all), leave it (the two others stay connected), hold, resume, mute. */
  'call/conference': { req: ConferenceRequestSchema, res: v.void(), redeliverable: true },
  /** Saves Settings › Web pages; open pages follow at once. */
  'settings/update-click-to-call': { req: ClickToCallSettingsSchema, res: ClickToCallSettingsSchema },
  /** The popup's per-site switch. */
  'click-to-call/set-site': {
    req: v.object({
      site: v.pipe(v.string(), v.toLowerCase(), v.regex(/^[a-z0-9.-]+(?::\d{1,5})?$/), v.maxLength(253)),
      isEnabled: v.boolean(),
    }),
    res: ClickToCallSettingsSchema,
  },
  /** The receptionist's yes or no to a call a web page asked for. */
  'click-to-call/answer-pending': {
    req: v.object({ id: v.pipe(v.string(), v.maxLength(64)), accept: v.boolean() }),
    res: v.void(),
  },
} as const satisfies CommandContract;

export type BackgroundCommands = typeof BackgroundCommands;
