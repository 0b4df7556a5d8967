import { useState } from 'preact/hooks';
import type { ConsoleState } from '../shell/console-state.ts';
import type { SpeedDial } from '../../shared/model/contact.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';

const EMPTY: SpeedDial = { code: '', number: '', name: '' };

/** Speed dial: codes of one to three digits; a code typed in any dial box (console, dialer, popup) dials its number. */
export function SpeedDialTab({ state }: { state: ConsoleState }) {
  const speedDials = state.contacts.speedDials;
  const [draft, setDraft] = useState<SpeedDial | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (next: SpeedDial[]) => {
    const result = await command('contacts/save-speed-dials', { speedDials: next });
    if (!result.ok) {
      const message = errorText(result.error);
      setError(message);
      postGlobalMessage('error', message);
      return false;
    }
    setError(null);
    return true;
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (draft === null) return;
    const others = speedDials.filter((entry) => entry.code !== editing);
    if (
      await save(
        [...others, draft].sort((left, right) => left.code.localeCompare(right.code, undefined, { numeric: true })),
      )
    ) {
      setDraft(null);
      setEditing(null);
    }
  };
  return (
    <div class="speed-dial" data-testid="speed-dial">
      {speedDials.length === 0 && draft === null && <EmptyState icon="keypad" text={t('speed_dial_empty')} />}
      {speedDials.length > 0 && (
        <table class="speed-dial__table">
          <thead>
            <tr>
              <th scope="col">{t('speed_dial_code')}</th>
              <th scope="col">{t('speed_dial_name')}</th>
              <th scope="col">{t('speed_dial_number')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('speed_dial_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {speedDials.map((entry) => (
              <tr key={entry.code} data-code={entry.code}>
                <td>
                  <kbd>{entry.code}</kbd>
                </td>
                <td>{entry.name}</td>
                <td>{entry.number}</td>
                <td class="speed-dial__actions">
                  <IconButton
                    icon="settings"
                    label={t('speed_dial_edit', entry.code)}
                    onClick={() => {
                      setEditing(entry.code);
                      setDraft(entry);
                    }}
                  />
                  <IconButton
                    icon="close"
                    label={t('speed_dial_delete', entry.code)}
                    onClick={() => void save(speedDials.filter((other) => other.code !== entry.code))}
                    data-action="speed-dial-delete"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft === null ? (
        <button type="button" onClick={() => setDraft(EMPTY)} data-testid="speed-dial-add">
          {t('speed_dial_add')}
        </button>
      ) : (
        <form class="speed-dial__form" onSubmit={(event) => void submit(event)} data-testid="speed-dial-form">
          {(['code', 'name', 'number'] as const).map((field) => (
            <label key={field} class="field">
              {t(`speed_dial_${field}`)}
              <input
                type="text"
                inputMode={field === 'name' ? 'text' : 'tel'}
                value={draft[field]}
                onInput={(event) => setDraft({ ...draft, [field]: event.currentTarget.value })}
                data-testid={`speed-dial-${field}`}
              />
            </label>
          ))}
          {error !== null && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
          <div class="form-actions">
            <button type="submit" class="primary" data-testid="speed-dial-save">
              {t('save')}
            </button>
            <button
              type="button"
              class="link"
              onClick={() => {
                setDraft(null);
                setEditing(null);
                setError(null);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
