import { useState } from 'preact/hooks';
import {
  EMPTY_CONTACT_FIELDS,
  PhoneTypeSchema,
  type Contact,
  type ContactFields,
  type DirectoryId,
} from '../../shared/model/contact.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { phoneTypeWords } from './contact-row.tsx';

const TEXT_FIELDS = [
  ['company', 'contact_company'],
  ['department', 'contact_department'],
  ['title', 'contact_title'],
  ['location', 'contact_location'],
] as const;

/** Add or edit a contact of a directory kept here: every field checked by the background before it is kept. */
export function ContactForm({
  directoryId,
  contact,
  onClose,
}: {
  directoryId: DirectoryId;
  contact: Contact | null;
  onClose: () => void;
}) {
  const [fields, setFields] = useState<ContactFields>(
    contact ?? { ...EMPTY_CONTACT_FIELDS, phones: [{ type: 'work', number: '' }] },
  );
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const set = (patch: Partial<ContactFields>) => setFields({ ...fields, ...patch });
  const submit = async (event: Event) => {
    event.preventDefault();
    const cleaned: ContactFields = {
      ...fields,
      phones: fields.phones.filter((phone) => phone.number.trim() !== ''),
      emails: fields.emails.filter((email) => email.trim() !== ''),
    };
    const result = await command('contacts/save', { directoryId, id: contact?.id ?? null, fields: cleaned });
    if (result.ok) {
      postGlobalMessage('info', t('contact_saved', cleaned.name.trim()));
      onClose();
      return;
    }
    setError({ field: result.error.fields?.[0]?.field ?? '', message: errorText(result.error) });
  };
  const errorFor = (field: string) =>
    error !== null && error.field.startsWith(field) ? (
      <p class="field-error" role="alert">
        {error.message}
      </p>
    ) : null;
  return (
    <Dialog
      title={contact === null ? t('contact_add_title') : t('contact_edit_title')}
      onCancel={onClose}
      testId="contact-form"
    >
      <form class="contact-form" onSubmit={(event) => void submit(event)}>
        <label class="field">
          {t('contact_name')}
          <input
            type="text"
            value={fields.name}
            data-autofocus
            aria-invalid={error?.field === 'fields.name'}
            onInput={(event) => set({ name: event.currentTarget.value })}
            data-testid="contact-form-name"
          />
        </label>
        {errorFor('fields.name')}
        <fieldset>
          <legend>{t('contact_numbers')}</legend>
          {fields.phones.map((phone, index) => (
            <div key={index} class="contact-form__phone">
              <select
                aria-label={t('contact_number_type')}
                value={phone.type}
                onChange={(event) =>
                  set({
                    phones: fields.phones.map((each, at) =>
                      at === index
                        ? {
                            ...each,
                            type: PhoneTypeSchema.options.find((type) => type === event.currentTarget.value) ?? 'other',
                          }
                        : each,
                    ),
                  })
                }
              >
                {PhoneTypeSchema.options.map((type) => (
                  <option key={type} value={type}>
                    {phoneTypeWords(type)}
                  </option>
                ))}
              </select>
              <input
                type="text"
                inputMode="tel"
                aria-label={t('contact_numbers')}
                value={phone.number}
                onInput={(event) =>
                  set({
                    phones: fields.phones.map((each, at) =>
                      at === index ? { ...each, number: event.currentTarget.value } : each,
                    ),
                  })
                }
                data-testid="contact-form-number"
              />
              <IconButton
                icon="close"
                label={t('contact_remove_number')}
                onClick={() => set({ phones: fields.phones.filter((_each, at) => at !== index) })}
              />
            </div>
          ))}
          <button
            type="button"
            class="link"
            onClick={() => set({ phones: [...fields.phones, { type: 'mobile', number: '' }] })}
          >
            {t('contact_add_number')}
          </button>
          {errorFor('fields.phones')}
        </fieldset>
        <label class="field">
          {t('contact_email')}
          <input
            type="email"
            value={fields.emails[0] ?? ''}
            onInput={(event) => set({ emails: [event.currentTarget.value, ...fields.emails.slice(1)] })}
            data-testid="contact-form-email"
          />
        </label>
        {errorFor('fields.emails')}
        {TEXT_FIELDS.map(([field, label]) => (
          <label key={field} class="field">
            {t(label)}
            <input type="text" value={fields[field]} onInput={(event) => set({ [field]: event.currentTarget.value })} />
          </label>
        ))}
        <label class="field">
          {t('contact_notes')}
          <textarea rows={3} value={fields.notes} onInput={(event) => set({ notes: event.currentTarget.value })} />
        </label>
        {error !== null &&
          !['fields.name', 'fields.phones', 'fields.emails'].some((field) => error.field.startsWith(field)) && (
            <p class="form-error" role="alert">
              {error.message}
            </p>
          )}
        <div class="form-actions">
          <button type="submit" class="primary" data-testid="contact-form-save">
            {t('save')}
          </button>
          <button type="button" class="link" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
