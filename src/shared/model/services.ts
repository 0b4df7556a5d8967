import * as v from 'valibot';

/**
 * Settings › Services: Do Not Disturb and Call Forwarding Always. Each acts either here (`local`: the console itself
 * answers incoming calls — busy/unavailable, or a 302 to the forward-to number) or on the PBX (`pbx`: the console
 * dials the PBX's feature access codes when the receptionist switches it). Stored under `settings.services`.
 */
export const ServiceModeSchema = v.picklist(['local', 'pbx']);
export type ServiceMode = v.InferOutput<typeof ServiceModeSchema>;

const FeatureCodeSchema = v.pipe(v.string(), v.trim(), v.regex(/^[*#0-9]{1,8}$/, 'error_feature_code'));

export const ServicesSchema = v.object({
  dnd: v.object({
    isActive: v.boolean(),
    mode: ServiceModeSchema,
    /** What a caller is told while DND is on, locally: busy (486) or unavailable (480). */
    rejectAs: v.picklist(['busy', 'unavailable']),
  }),
  cfa: v.object({
    isActive: v.boolean(),
    mode: ServiceModeSchema,
    target: v.pipe(v.string(), v.trim(), v.maxLength(64)),
    /** A short ring when a call is forwarded, so the receptionist knows. */
    hasRingSplash: v.boolean(),
  }),
  featureCodes: v.object({
    dndOn: FeatureCodeSchema,
    dndOff: FeatureCodeSchema,
    cfaOn: FeatureCodeSchema,
    cfaOff: FeatureCodeSchema,
    /** Dialled to listen to the receptionist's own voicemail (the message-waiting indicator's click). */
    voicemail: FeatureCodeSchema,
    /** Put before an extension to send a call straight to that person's voicemail. */
    voicemailTransfer: FeatureCodeSchema,
    /** Where a parked call is sent (a park code or a park extension). */
    park: FeatureCodeSchema,
    /** The PBX's malicious-call trace. */
    callTrace: FeatureCodeSchema,
    /**
     * Directed call pickup: dialled with a colleague's line to take the call ringing there (from their lamp, when
     * Settings choose it or the lamp does not carry what Replaces needs).
     */
    pickup: FeatureCodeSchema,
  }),
  /**
   * The PBX's park slots, each a line of its own (`701-705`, or `701, 702`): a call sent there waits, its lamp shows
   * who, and dialling the slot takes the call back. Empty when the PBX has none.
   */
  parkSlots: v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^([0-9]{1,8}(\s*-\s*[0-9]{1,8})?(\s*,\s*[0-9]{1,8}(\s*-\s*[0-9]{1,8})?)*)?$/, 'error_park_slots'),
    v.check((text) => parkSlotsOf(text).length <= MAX_PARK_SLOTS, 'error_park_slots'),
  ),
});
export type Services = v.InferOutput<typeof ServicesSchema>;

export const DEFAULT_SERVICES: Services = {
  dnd: { isActive: false, mode: 'local', rejectAs: 'busy' },
  cfa: { isActive: false, mode: 'local', target: '', hasRingSplash: true },
  // The codes most PBXs use (Asterisk's and BroadWorks' defaults among them).
  featureCodes: {
    dndOn: '*78',
    dndOff: '*79',
    cfaOn: '*72',
    cfaOff: '*73',
    voicemail: '*97',
    voicemailTransfer: '*55',
    park: '*68',
    callTrace: '*57',
    pickup: '**',
  },
  parkSlots: '',
};

/** The most park slots watched (a lamp each). */
export const MAX_PARK_SLOTS = 50;

/** The slots a `parkSlots` setting names, in order (`701-703, 710` → 701, 702, 703, 710); ranges are inclusive. */
export function parkSlotsOf(text: string): string[] {
  const slots: string[] = [];
  for (const part of text.split(',')) {
    const [first, last] = part.split('-').map((each) => each.trim());
    if (first === undefined || first === '') continue;
    if (last === undefined) {
      slots.push(first);
      continue;
    }
    const from = Number(first);
    const to = Number(last);
    // A range keeps the width of its first number (`0701-0703`).
    for (let slot = from; slot <= to && slots.length <= MAX_PARK_SLOTS; slot++)
      slots.push(String(slot).padStart(first.length, '0'));
  }
  return [...new Set(slots)];
}

/** The single line-status icon of the information pane: DND outranks forwarding, which outranks busy. */
export type LineStatusIcon = 'dnd' | 'cfa' | 'busy' | null;

export function lineStatusIcon(services: Services, hasCallInProgress: boolean): LineStatusIcon {
  if (services.dnd.isActive) return 'dnd';
  if (services.cfa.isActive) return 'cfa';
  return hasCallInProgress ? 'busy' : null;
}
