import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';

/** The contacts pane: its directories come with issue #13; until then it says so. */
export function ContactsBody() {
  return <EmptyState icon="contacts" text={t('no_contacts')} />;
}
