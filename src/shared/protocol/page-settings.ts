import * as v from 'valibot';

/**
 * What a tab's content script is told of its page: whether to link numbers there, and how to read national numbers.
 * Apart from the click-to-call contract so the content script (loaded by every page, where every kilobyte counts)
 * bundles only the schemas it reads, not those of the requests the background checks.
 */
export const PageSettingsSchema = v.object({
  isEnabled: v.boolean(),
  defaultCountry: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
});
export type PageSettings = v.InferOutput<typeof PageSettingsSchema>;

/** Pushed by the background to a tab's content script when its settings change (a site disabled, say). */
export const PageSettingsChangedSchema = v.object({
  sb: v.literal(1),
  type: v.literal('click-to-call/page-settings-changed'),
  payload: PageSettingsSchema,
});
export type PageSettingsChanged = v.InferOutput<typeof PageSettingsChangedSchema>;
