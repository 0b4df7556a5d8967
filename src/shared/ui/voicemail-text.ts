import { t } from './i18n-signal.ts';

/** "1 new voicemail", "2 new voicemails": the count of new messages in words. */
export function newVoicemailsText(count: number): string {
  return count === 1 ? t('voicemail_new_message_one') : t('voicemail_new_messages', count);
}
