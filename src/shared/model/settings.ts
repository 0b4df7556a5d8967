import * as v from 'valibot';

export const LANGUAGES = ['auto', 'en', 'fr'] as const;
export const LanguageSchema = v.picklist(LANGUAGES);
/** `auto` follows the browser's language; the others override it. */
export type Language = v.InferOutput<typeof LanguageSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;
export const ThemeSchema = v.picklist(THEMES);
export type Theme = v.InferOutput<typeof ThemeSchema>;

/** Settings › General. Stored in `storage.local` under `settings.general`. */
export const GeneralSettingsSchema = v.object({
  language: LanguageSchema,
  theme: ThemeSchema,
  /** Save the workspace at logout without asking. */
  alwaysSaveWorkspace: v.boolean(),
});

export type GeneralSettings = v.InferOutput<typeof GeneralSettingsSchema>;

export const DEFAULT_GENERAL_SETTINGS: GeneralSettings = {
  language: 'auto',
  theme: 'system',
  alwaysSaveWorkspace: false,
};
