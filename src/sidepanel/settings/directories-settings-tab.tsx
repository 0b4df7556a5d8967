import { useEffect, useState } from 'preact/hooks';
import type { DirectorySource } from '../../shared/model/directory-source.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';

const blank = (index: number): DirectorySource => ({
  id: `company-${Date.now().toString(36)}-${index}`,
  kind: 'company',
  name: '',
  type: 'carddav',
  url: '',
  username: '',
  password: '',
});

/**
 * Settings › Directories: the company directories read from servers. Saved as a whole, checked by the background,
 * then each is read at once; the contacts pane shows when each was read and any error.
 */
export function DirectoriesSettingsTab() {
  const [sources, setSources] = useState<DirectorySource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void command('contacts/sources', {}).then((answer) => setSources(answer.ok ? answer.value : []));
  }, []);
  if (sources === null) return <p role="status">{t('app_loading')}</p>;
  const update = (index: number, patch: Partial<DirectorySource>) =>
    setSources(sources.map((source, at) => (at === index ? { ...source, ...patch } : source)));
  const save = async (event: Event) => {
    event.preventDefault();
    const result = await command('contacts/save-sources', { sources });
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setError(null);
    postGlobalMessage('info', t('settings_saved'));
    for (const source of sources) void command('contacts/sync', { directoryId: source.id });
  };
  return (
    <form class="settings__form" onSubmit={(event) => void save(event)} data-testid="directories-settings">
      <p class="hint">{t('directories_settings_hint')}</p>
      {sources.map((source, index) => (
        <fieldset key={source.id} data-testid="directory-source">
          <legend>{source.name || t('directory_company')}</legend>
          <label class="field">
            {t('directory_source_name')}
            <input
              type="text"
              value={source.name}
              onInput={(event) => update(index, { name: event.currentTarget.value })}
              data-testid="directory-source-name"
            />
          </label>
          <label class="field">
            {t('directory_source_type')}
            <select
              value={source.type}
              onChange={(event) => {
                const type = event.currentTarget.value;
                update(index, { type: type === 'url' || type === 'xsi' ? type : 'carddav' });
              }}
              data-testid="directory-source-type"
            >
              <option value="carddav">{t('directory_source_carddav')}</option>
              <option value="url">{t('directory_source_url')}</option>
              <option value="xsi">{t('directory_source_xsi')}</option>
            </select>
          </label>
          <label class="field">
            {t('directory_source_address')}
            <input
              type="url"
              value={source.url}
              onInput={(event) => update(index, { url: event.currentTarget.value })}
              data-testid="directory-source-url"
            />
          </label>
          <label class="field">
            {t('directory_source_username')}
            <input
              type="text"
              autoComplete="off"
              value={source.username}
              onInput={(event) => update(index, { username: event.currentTarget.value })}
              data-testid="directory-source-username"
            />
          </label>
          <label class="field">
            {t('directory_source_password')}
            <input
              type="password"
              autoComplete="off"
              value={source.password}
              onInput={(event) => update(index, { password: event.currentTarget.value })}
              data-testid="directory-source-password"
            />
          </label>
          <IconButton
            icon="close"
            label={t('directory_source_remove', source.name || t('directory_company'))}
            onClick={() => setSources(sources.filter((_each, at) => at !== index))}
          />
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => setSources([...sources, blank(sources.length)])}
        data-testid="directory-source-add"
      >
        {t('directory_source_add')}
      </button>
      {error !== null && (
        <p class="form-error" role="alert" data-testid="directories-settings-error">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="primary" data-testid="directories-settings-save">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
