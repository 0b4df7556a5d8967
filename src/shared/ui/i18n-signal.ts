import { computed, signal } from '@preact/signals';
import { browser } from '../../platform/browser.ts';
import { resolveLanguage, translate, type MessageKey, type UiLanguage } from '../i18n.ts';
import type { Language } from '../model/settings.ts';

const languageSetting = signal<Language>('auto');

/** The language every view renders in; follows Settings › General › Language, or the browser's. */
export const uiLanguage = computed<UiLanguage>(() =>
  resolveLanguage(languageSetting.value, browser.i18n.getUILanguage()),
);

export function setLanguageSetting(language: Language): void {
  languageSetting.value = language;
}

/** Translates in the current UI language; a component that calls it re-renders when the language changes. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return translate(uiLanguage.value, key, substitutions);
}

/** For keys that arrive at run time (validation messages, error codes); unknown keys fall back readably. */
export function tDynamic(key: string, ...substitutions: (string | number)[]): string {
  return translate(uiLanguage.value, key, substitutions);
}
