import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/ui/i18n-signal.ts';

/**
 * Asked at logout when the console's layout changed: save the workspace (Yes), keep the saved one (No), or stay
 * logged in (Cancel, or Escape). Focus starts on Yes and stays in the dialog.
 */
export function LogoutDialog({ onAnswer }: { onAnswer: (answer: 'save' | 'discard' | 'cancel') => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  // At once after rendering (not after the next frame): a key pressed right away must find the dialog ready.
  useLayoutEffect(() => {
    dialog.current?.querySelector<HTMLButtonElement>('button')?.focus();
    // Escape cancels wherever the focus is.
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onAnswer('cancel');
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [onAnswer]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    // Keep Tab within the dialog's three buttons.
    const buttons = Array.from(dialog.current?.querySelectorAll('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(index + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length];
    if (next === undefined) return;
    event.preventDefault();
    next.focus();
  };
  return (
    <div class="dialog-backdrop">
      <div
        ref={dialog}
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="logout-dialog-title"
        aria-describedby="logout-dialog-text"
        onKeyDown={onKeyDown}
        data-testid="logout-dialog"
      >
        <h2 id="logout-dialog-title">{t('logout_save_workspace_title')}</h2>
        <p id="logout-dialog-text">{t('logout_save_workspace')}</p>
        <div class="form-actions">
          <button type="button" class="primary" onClick={() => onAnswer('save')} data-testid="logout-save">
            {t('yes')}
          </button>
          <button type="button" onClick={() => onAnswer('discard')} data-testid="logout-discard">
            {t('no')}
          </button>
          <button type="button" class="link" onClick={() => onAnswer('cancel')} data-testid="logout-cancel">
            {t('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
