import type { DirectorySummary } from '../../shared/model/contact.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/** A directory's name as the receptionist reads it: the built-in ones in the console's language. */
export function directoryName(directory: Pick<DirectorySummary, 'kind' | 'name'> | undefined): string {
  if (directory === undefined) return '';
  if (directory.name !== '') return directory.name;
  switch (directory.kind) {
    case 'personal':
      return t('directory_personal');
    case 'outlook':
      return t('directory_outlook');
    case 'company':
      return t('directory_company');
    case 'custom':
      return t('directory_custom');
  }
}
