import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../platform/browser.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';

interface BrowserShortcut {
  readonly name: string;
  readonly description: string;
  readonly shortcut: string;
}

const CONSOLE_KEYS: readonly (readonly [MessageKey, MessageKey])[] = [
  ['shortcuts_key_enter', 'shortcuts_key_enter_action'],
  ['shortcuts_key_tab', 'shortcuts_key_tab_action'],
  ['shortcuts_key_arrows', 'shortcuts_key_arrows_action'],
  ['shortcuts_key_escape', 'shortcuts_key_escape_action'],
  ['shortcuts_key_menu', 'shortcuts_key_menu_action'],
  ['shortcuts_key_alt_arrows', 'shortcuts_key_alt_arrows_action'],
  ['shortcuts_key_resize', 'shortcuts_key_resize_action'],
  ['shortcuts_key_contact_search', 'shortcuts_key_contact_search_action'],
];

/**
 * Settings › Shortcuts: the browser-wide commands with the keys the browser has for them now (the receptionist may
 * have changed them), the way to change them, and the keys that work inside the console.
 */
export function ShortcutsTab() {
  const [commands, setCommands] = useState<readonly BrowserShortcut[] | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then((all) =>
      setCommands(
        all
          .filter((command) => command.name !== undefined && !command.name.startsWith('_'))
          .map((command) => ({
            name: command.name ?? '',
            description: command.description ?? '',
            shortcut: command.shortcut ?? '',
          })),
      ),
    );
  }, []);
  const openBrowserShortcuts = () => {
    // Chrome's page for extension shortcuts; Firefox has its own under about:addons (not openable from here).
    void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => undefined);
  };
  return (
    <div class="settings__form" data-testid="shortcuts">
      <h2 class="settings__section">{t('shortcuts_browser')}</h2>
      <p class="hint">{t('shortcuts_browser_hint')}</p>
      {commands === null ? (
        <p role="status">{t('app_loading')}</p>
      ) : (
        <table class="shortcuts">
          <tbody>
            {commands.map((command) => (
              <tr key={command.name} data-command={command.name}>
                <th scope="row">{command.description}</th>
                <td>
                  {command.shortcut === '' ? (
                    <span class="hint">{t('shortcuts_not_set')}</span>
                  ) : (
                    <kbd>{command.shortcut}</kbd>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={openBrowserShortcuts}>
        {t('shortcuts_change')}
      </button>
      <h2 class="settings__section">{t('shortcuts_console')}</h2>
      <table class="shortcuts">
        <tbody>
          {CONSOLE_KEYS.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">{t(keys)}</th>
              <td>{t(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
