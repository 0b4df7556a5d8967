import type { MessageKey } from '../shared/i18n.ts';
import { t } from '../shared/ui/i18n-signal.ts';
import { mountExtensionPage } from '../shared/ui/mount.tsx';
import './help.css';

const SECTIONS: readonly { title: MessageKey; body: readonly MessageKey[] }[] = [
  { title: 'help_login_title', body: ['help_login_body', 'help_password_body'] },
  { title: 'help_info_title', body: ['help_info_body'] },
  { title: 'help_console_title', body: ['help_console_body'] },
  { title: 'help_microphone_title', body: ['help_microphone_body'] },
  { title: 'help_conference_title', body: ['help_conference_body'] },
  { title: 'help_trace_title', body: ['help_trace_body'] },
  { title: 'help_panes_title', body: ['help_panes_body'] },
  { title: 'help_web_title', body: ['help_web_body'] },
  { title: 'help_keyboard_title', body: ['help_keyboard_body'] },
  { title: 'help_settings_title', body: ['help_settings_body'] },
];

/** The bundled user guide, in the console's language, printable. */
function HelpPage() {
  document.title = t('help_title');
  return (
    <main class="help">
      <header class="help__header">
        <h1>{t('help_title')}</h1>
        <button type="button" onClick={() => globalThis.print()} class="help__print">
          {t('help_print')}
        </button>
      </header>
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h2>{t(section.title)}</h2>
          {section.body.map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
        </section>
      ))}
    </main>
  );
}

mountExtensionPage('help', () => <HelpPage />, ['general']);
