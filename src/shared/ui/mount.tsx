import { effect } from '@preact/signals';
import { render, type ComponentChild } from 'preact';
import { createLogger, reportUncaughtErrors } from '../log.ts';
import { setLanguageSetting, uiLanguage } from './i18n-signal.ts';
import { openStateMirror, type StateMirror } from './state-mirror.ts';
import type { SliceKey } from '../model/app-state.ts';

/**
 * Starts an extension page: logs its uncaught errors, mirrors the background's state (the changes of `slices`, the
 * ones it renders, besides `general`), follows the chosen language and theme on the document, and renders the view.
 */
export function mountExtensionPage(
  context: string,
  view: (mirror: StateMirror) => ComponentChild,
  slices: readonly SliceKey[] | 'all' = 'all',
): StateMirror {
  const log = createLogger(context);
  reportUncaughtErrors(log);
  const mirror = openStateMirror(log, slices);
  effect(() => {
    const general = mirror.state.value?.general;
    if (general === undefined) return;
    setLanguageSetting(general.language);
    document.documentElement.dataset['theme'] = general.theme;
  });
  effect(() => {
    document.documentElement.lang = uiLanguage.value;
  });
  const root = document.getElementById('app');
  if (root === null) throw new Error('the page has no #app element');
  render(view(mirror), root);
  return mirror;
}
