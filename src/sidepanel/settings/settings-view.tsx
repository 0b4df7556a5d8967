import './settings.css';
import { useState } from 'preact/hooks';
import type { ConsoleState } from '../shell/console-state.ts';
import { LANGUAGES, THEMES, type GeneralSettings } from '../../shared/model/settings.ts';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { currentPage } from '../shell/navigation.ts';
import { AccountForm } from './account-form.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { AudioTab } from './audio-tab.tsx';
import { ServicesTab } from './services-tab.tsx';
import { DialPlanTab } from './dial-plan-tab.tsx';
import { WebPagesTab } from './web-pages-tab.tsx';
import { ShortcutsTab } from './shortcuts-tab.tsx';
import { DirectoriesSettingsTab } from './directories-settings-tab.tsx';
import { GlobalMessageLine, RecentMessages } from '../shell/global-messages-area.tsx';
import { Tabs } from '../../shared/ui/tabs.tsx';
import { Icon } from '../../shared/ui/icons.tsx';
import { CheckboxField, SelectField } from './settings-fields.tsx';
import type { MessageKey } from '../../shared/i18n.ts';
import type { PhoneSettings } from '../../shared/model/phone-settings.ts';

type SettingsTab =
  'general' | 'services' | 'account' | 'audio' | 'dial-plan' | 'directories' | 'shortcuts' | 'web-pages';
const TABS: readonly { id: SettingsTab; label: MessageKey }[] = [
  { id: 'general', label: 'settings_general' },
  { id: 'services', label: 'settings_services' },
  { id: 'account', label: 'settings_account' },
  { id: 'audio', label: 'settings_audio' },
  { id: 'dial-plan', label: 'settings_dial_plan' },
  { id: 'directories', label: 'settings_directories' },
  { id: 'shortcuts', label: 'settings_shortcuts' },
  { id: 'web-pages', label: 'settings_web_pages' },
];

/** Settings as a tabbed page over the console, with "Back to application" and the global messages. */
export function SettingsView({ state }: { state: ConsoleState }) {
  const [tab, setTab] = useState<SettingsTab>('general');
  const [isRecentOpen, setRecentOpen] = useState(false);
  return (
    <div class="settings" data-testid="settings">
      <header class="settings__header">
        <button
          type="button"
          class="settings__back"
          onClick={() => (currentPage.value = 'console')}
          data-testid="back-to-application"
        >
          <Icon name="back" />
          {t('back_to_application')}
        </button>
        <h1>{t('settings')}</h1>
        <RecentMessages isOpen={isRecentOpen} onToggle={() => setRecentOpen(!isRecentOpen)} />
        <GlobalMessageLine onRecall={() => setRecentOpen(true)} />
      </header>
      <Tabs
        label={t('settings')}
        idPrefix="settings"
        tabs={TABS.map((entry) => ({ id: entry.id, label: t(entry.label) }))}
        selected={tab}
        onSelect={setTab}
      >
        <div class="settings__panel">
          {tab === 'general' && <GeneralTab state={state} />}
          {tab === 'services' && <ServicesTab services={state.services} pbx={state.pbx} />}
          {tab === 'account' && <AccountTab state={state} />}
          {tab === 'audio' && <AudioTab phone={state.phone} />}
          {tab === 'dial-plan' && <DialPlanTab phone={state.phone} />}
          {tab === 'directories' && <DirectoriesSettingsTab />}
          {tab === 'shortcuts' && <ShortcutsTab />}
          {tab === 'web-pages' && <WebPagesTab clickToCall={state.clickToCall} />}
        </div>
      </Tabs>
    </div>
  );
}

function GeneralTab({ state }: { state: ConsoleState }) {
  const { general, phone } = state;
  const update = async (patch: Partial<GeneralSettings>) => {
    const result = await command('settings/update-general', patch);
    postGlobalMessage(
      result.ok ? 'info' : 'error',
      result.ok ? t('settings_saved') : tDynamic(result.error.messageKey),
    );
  };
  const updatePhone = async (patch: Partial<PhoneSettings>) => {
    const result = await command('settings/update-phone', patch);
    postGlobalMessage(
      result.ok ? 'info' : 'error',
      result.ok ? t('settings_saved') : tDynamic(result.error.messageKey),
    );
  };
  return (
    <>
      <div class="settings__form">
        <SelectField
          id="settings-language"
          label={t('settings_language')}
          value={general.language}
          onChange={(language) => void update({ language: language as GeneralSettings['language'] })}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`language_${language}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="settings-theme"
          label={t('settings_theme')}
          value={general.theme}
          onChange={(theme) => void update({ theme: theme as GeneralSettings['theme'] })}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`theme_${theme}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          id="settings-auto-answer"
          label={t('settings_auto_answer')}
          hint={t('settings_auto_answer_hint')}
          checked={phone.autoAnswer}
          onChange={(autoAnswer) => void updatePhone({ autoAnswer })}
        />
        <CheckboxField
          id="settings-intercom"
          label={t('settings_intercom')}
          hint={t('settings_intercom_hint')}
          checked={phone.honourAnswerAfter}
          onChange={(honourAnswerAfter) => void updatePhone({ honourAnswerAfter })}
        />
        <CheckboxField
          id="settings-always-save-workspace"
          label={t('settings_always_save_workspace')}
          hint={t('settings_always_save_workspace_hint')}
          checked={general.alwaysSaveWorkspace}
          onChange={(alwaysSaveWorkspace) => void update({ alwaysSaveWorkspace })}
        />
      </div>
      {state.account !== null && <ChangePasswordForm />}
    </>
  );
}

function AccountTab({ state }: { state: ConsoleState }) {
  const account = state.account;
  return (
    <div>
      <p data-testid="account-summary">
        {account === null
          ? t('account_not_set')
          : t('account_summary', account.settings.sipAddress, account.settings.serverUrl)}
      </p>
      <AccountForm initial={account?.settings ?? null} rememberMe={account?.rememberMe ?? false} />
    </div>
  );
}
