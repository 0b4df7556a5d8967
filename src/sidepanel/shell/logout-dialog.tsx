import { Dialog } from '../../shared/ui/dialog.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';

/**
 * Asked at logout when the console's layout changed: save the workspace (Yes), keep the saved one (No), or stay
 * logged in (Cancel, or Escape). Focus starts on Yes and stays in the dialog.
 */
export function LogoutDialog({ onAnswer }: { onAnswer: (answer: 'save' | 'discard' | 'cancel') => void }) {
  return (
    <Dialog
      role="alertdialog"
      title={t('logout_save_workspace_title')}
      description={t('logout_save_workspace')}
      onCancel={() => onAnswer('cancel')}
      testId="logout-dialog"
    >
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
    </Dialog>
  );
}
