import * as v from 'valibot';
import { getCountries, type CountryCode } from 'libphonenumber-js';

const COUNTRIES = new Set<string>(getCountries());
const DeviceIdSchema = v.pipe(v.string(), v.maxLength(256));

/**
 * How the phone behaves (Settings › General and › Dial plan). Stored in `storage.local` under `settings.phone`.
 */
export const PhoneSettingsSchema = v.object({
  /** RFC 4733 telephone-events in the media (what most PBXs expect), or SIP INFO (application/dtmf-relay). */
  dtmfMode: v.picklist(['rfc4733', 'info']),
  /** Answer a new call at once when no other call is in progress (for a receptionist on a headset). */
  autoAnswer: v.boolean(),
  /** Answer by itself a call that asks for it (`Call-Info: …;answer-after=N`, intercom and paging). */
  honourAnswerAfter: v.boolean(),
  /** ISO 3166 country of the office: national numbers are read in its plan. */
  defaultCountry: v.pipe(
    v.string(),
    v.toUpperCase(),
    v.check((code) => COUNTRIES.has(code), 'error_country'),
    v.transform((code) => code as CountryCode),
  ),
  /** Digits the PBX needs before an outside number ("0" or "9"); empty when it takes E.164 numbers as they are. */
  outsideLinePrefix: v.pipe(v.string(), v.trim(), v.regex(/^[0-9*#]{0,4}$/, 'error_outside_prefix')),
  /** Numbers of at most this many digits are internal extensions, dialled as typed; 0 for none. */
  extensionLength: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8, 'error_extension_length')),
  /** Settings › Audio: device ids from `enumerateDevices` ('' for the system default). */
  microphoneId: DeviceIdSchema,
  /** Where calls are heard (the headset). */
  speakerId: DeviceIdSchema,
  /** Where the ring sounds (often the speakers, so it is heard with the headset off). */
  ringerId: DeviceIdSchema,
  /**
   * How a call ringing at a colleague is picked up from their lamp: an INVITE with Replaces built from the lamp's
   * dialog (RFC 5359 §2.16), or the PBX's directed pickup code (`Services.featureCodes.pickup`) and their line.
   */
  pickupMethod: v.picklist(['replaces', 'feature-code']),
  /**
   * A call the receptionist transferred to a colleague who does not answer within this many seconds comes back to
   * the receptionist (transfer recall); 0 to let it ring on (and reach the colleague's voicemail).
   */
  transferRecallSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(300, 'error_recall_seconds')),
  /**
   * The console's own reception queue (any PBX): calls ringing at the console are listed in the queued-calls pane
   * in an order the receptionist can change, and sent on unanswered to `receptionQueueOverflowTo` after waiting
   * `receptionQueueOverflowSeconds` (0: never) or when `receptionQueueMaxCallers` already wait (0: no limit).
   */
  receptionQueue: v.boolean(),
  receptionQueueOverflowSeconds: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.maxValue(3600, 'error_overflow_seconds'),
  ),
  receptionQueueMaxCallers: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50, 'error_overflow_callers')),
  receptionQueueOverflowTo: v.pipe(v.string(), v.trim(), v.maxLength(64)),
  /** A caller arriving while the receptionist is busy is answered with the console's music (else hears ringback). */
  receptionQueueMusic: v.boolean(),
});
export type PhoneSettings = v.InferOutput<typeof PhoneSettingsSchema>;

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = {
  dtmfMode: 'rfc4733',
  autoAnswer: false,
  honourAnswerAfter: true,
  defaultCountry: 'FR',
  outsideLinePrefix: '',
  extensionLength: 4,
  microphoneId: '',
  speakerId: '',
  ringerId: '',
  pickupMethod: 'replaces',
  transferRecallSeconds: 30,
  receptionQueue: false,
  receptionQueueOverflowSeconds: 120,
  receptionQueueMaxCallers: 0,
  receptionQueueOverflowTo: '',
  receptionQueueMusic: false,
};
