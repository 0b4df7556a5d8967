import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Icon } from './icons.tsx';
import { command, errorText } from './command-client.ts';
import { postGlobalMessage } from './global-messages.ts';
import { t } from './i18n-signal.ts';

/** A number or SIP address field and a Call button, wired to the background's `call/dial`. */
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * `suggestions` (recent numbers, speed dials) are offered as the receptionist types; `hasKeypad` adds a dial pad
 * (the call console's Dialer button) whose keys type into the same field; `tools` sit between the field and the Call
 * button (the console's dial pad and redial).
 */
export function DialBox({
  autoFocus = false,
  suggestions = [],
  hasKeypad = false,
  tools,
}: {
  autoFocus?: boolean;
  /** Numbers offered as the receptionist types, each with the name it belongs to when known. */
  suggestions?: readonly { number: string; name: string }[];
  hasKeypad?: boolean;
  tools?: ComponentChildren;
}) {
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await command('call/dial', { target });
    setBusy(false);
    if (result.ok) {
      setError(null);
      postGlobalMessage('info', t('call_placed', target.trim()));
      setTarget('');
      return;
    }
    const message = errorText(result.error);
    setError(message);
    postGlobalMessage('error', message);
  };

  return (
    <form class="dial-box" onSubmit={(event) => void submit(event)} data-testid="dial-box">
      <label class="visually-hidden" for="dial-target">
        {t('dial_label')}
      </label>
      <input
        id="dial-target"
        type="text"
        inputMode="tel"
        autoComplete="off"
        list={suggestions.length > 0 ? 'dial-suggestions' : undefined}
        placeholder={t('dial_label')}
        value={target}
        autoFocus={autoFocus}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : 'dial-error'}
        onInput={(event) => setTarget(event.currentTarget.value)}
      />
      {suggestions.length > 0 && (
        <datalist id="dial-suggestions">
          {suggestions.map((suggestion) => (
            <option key={suggestion.number} value={suggestion.number} label={suggestion.name || undefined} />
          ))}
        </datalist>
      )}
      {tools}
      <button type="submit" class="answer" disabled={isBusy} data-testid="dial-submit">
        <Icon name="answer" />
        {t('dial_button')}
      </button>
      {error !== null && (
        <p id="dial-error" class="field-error" role="alert">
          {error}
        </p>
      )}
      {hasKeypad && (
        <div class="dial-pad" role="group" aria-label={t('dialer_keys')} data-testid="dial-pad">
          {KEYS.map((key) => (
            <button key={key} type="button" onClick={() => setTarget(target + key)} data-key={key}>
              {key}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}
