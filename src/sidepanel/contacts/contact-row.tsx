import { ContactCallActions, dialContact, transferableCall, transferTo } from './contact-actions.tsx';
import { memo } from '../../shared/ui/memo.ts';
import { useState } from 'preact/hooks';
import type { Call } from '../../shared/model/call.ts';
import type { Contact, PhoneType } from '../../shared/model/contact.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import type { MessageKey } from '../../shared/i18n.ts';
import { callDropTarget, startNumberDrag } from '../calls/call-drag.ts';
import { lampLineOf } from '../../shared/model/lamp.ts';
import { WatchedLampBadge } from '../lamps/lamp-badge.tsx';

const PHONE_TYPE_WORDS: Record<PhoneType, MessageKey> = {
  work: 'phone_type_work',
  mobile: 'phone_type_mobile',
  home: 'phone_type_home',
  extension: 'phone_type_extension',
  fax: 'phone_type_fax',
  other: 'phone_type_other',
};

export function phoneTypeWords(type: PhoneType): string {
  return t(PHONE_TYPE_WORDS[type]);
}

/**
 * One contact in a list: name, where they work and their first number, their busy lamp when watched, with Call (and
 * Transfer when a call is up, Pick up while their line rings); a click on the row shows every detail, a second click
 * folds it. A call dragged onto it is transferred to its first
 * number, and the contact dragged onto a call takes that call. Every field is drawn as text.
 */
export const ContactRow = memo(function ContactRow({
  contact,
  directoryLabel,
  isExpanded,
  isActive = false,
  isFavorite,
  isAssigned = false,
  calls,
  onToggle,
  onEdit,
  rowId,
  slot,
}: {
  contact: Contact;
  directoryLabel?: string;
  isExpanded: boolean;
  isActive?: boolean;
  isFavorite: boolean;
  /** A favourite the administrator assigned: said so, and not removable here. */
  isAssigned?: boolean;
  calls: readonly Call[];
  /** Shows or folds the row's details (called with the contact's id; the same function for every row). */
  onToggle: (id: string) => void;
  onEdit?: (contact: Contact) => void;
  rowId?: string;
  /** In a virtual list: where the row is drawn, and the measuring of its height. */
  slot?: { index: number; start: number; measure: (element: HTMLElement | null) => void };
}) {
  const first = contact.phones[0];
  // The busy lamp of the contact's line, when it is watched: its badge and Pick up follow it without the row.
  const line = lampLineOf(contact);
  const call = transferableCall(calls);
  const where = [contact.title, contact.department, contact.company].filter((part) => part !== '').join(' · ');
  return (
    <li
      id={rowId}
      class={`contact${isActive ? ' contact--active' : ''}${isExpanded ? ' contact--expanded' : ''}`}
      data-testid="contact"
      data-contact-id={contact.id}
      aria-label={contact.name}
      // Dragged onto a call, the contact's first number is where the call goes.
      draggable={first !== undefined}
      onDragStart={(event) => first !== undefined && startNumberDrag(event, first.number, contact.name)}
      {...(slot === undefined
        ? {}
        : { 'data-index': slot.index, ref: slot.measure, style: { transform: `translateY(${slot.start}px)` } })}
      {...(first === undefined ? {} : callDropTarget({ kind: 'number', number: first.number }, contact.name))}
    >
      <div class="contact__summary">
        <button
          type="button"
          class="contact__toggle"
          aria-expanded={isExpanded}
          onClick={() => onToggle(contact.id)}
          data-testid="contact-toggle"
        >
          <span class="contact__name">{contact.name}</span>
          {where !== '' && <span class="contact__where">{where}</span>}
          {first !== undefined && <span class="contact__number">{first.number}</span>}
          <WatchedLampBadge line={line} />
          {(directoryLabel !== undefined || isAssigned) && (
            <span class="contact__directory">
              {[directoryLabel, isAssigned ? t('contact_assigned') : undefined].filter(Boolean).join(' · ')}
            </span>
          )}
        </button>
        <div class="contact__actions">
          <ContactCallActions
            name={contact.name}
            number={first?.number}
            line={line}
            call={call}
            actionPrefix="contact"
          />
          {!isAssigned && (
            <IconButton
              icon={isFavorite ? 'star' : 'star-outline'}
              label={isFavorite ? t('contact_unfavorite', contact.name) : t('contact_favorite', contact.name)}
              aria-pressed={isFavorite}
              onClick={() => void commandOrReport('contacts/set-favorite', { id: contact.id, isFavorite: !isFavorite })}
              data-action="contact-favorite"
            />
          )}
        </div>
      </div>
      {isExpanded && (
        <div class="contact__details" data-testid="contact-details">
          <dl>
            {contact.phones.map((phone, index) => (
              <div key={`${phone.number}-${index}`} class="contact__detail">
                <dt>{phoneTypeWords(phone.type)}</dt>
                <dd>
                  <span class="contact__detail-number">{phone.number}</span>
                  <IconButton
                    icon="answer"
                    label={t('contact_call_number', phone.number)}
                    onClick={() => void dialContact(phone.number, contact.name)}
                  />
                  {call !== undefined && (
                    <IconButton
                      icon="transfer"
                      label={t('contact_transfer_number', phone.number)}
                      onClick={() => void transferTo(call, phone.number, contact.name)}
                    />
                  )}
                </dd>
              </div>
            ))}
            {contact.emails.map((email) => (
              <div key={email} class="contact__detail">
                <dt>{t('contact_email')}</dt>
                <dd>{email}</dd>
              </div>
            ))}
            {(
              [
                ['contact_company', contact.company],
                ['contact_department', contact.department],
                ['contact_title', contact.title],
                ['contact_location', contact.location],
                ['contact_notes', contact.notes],
              ] as const
            )
              .filter(([, value]) => value !== '')
              .map(([label, value]) => (
                <div key={label} class="contact__detail">
                  <dt>{t(label)}</dt>
                  <dd class="contact__text">{value}</dd>
                </div>
              ))}
          </dl>
          {onEdit !== undefined && <EditActions contact={contact} onEdit={onEdit} />}
        </div>
      )}
    </li>
  );
});

/** Edit, and Delete with its question asked in place (nothing is deleted on one click). */
function EditActions({ contact, onEdit }: { contact: Contact; onEdit: (contact: Contact) => void }) {
  const [isConfirming, setConfirming] = useState(false);
  if (isConfirming) {
    return (
      <div class="form-actions" role="group" aria-label={t('contact_delete_confirm', contact.name)}>
        <span>{t('contact_delete_confirm', contact.name)}</span>
        <button
          type="button"
          class="danger"
          onClick={() => void commandOrReport('contacts/delete', { id: contact.id })}
          data-action="contact-delete-confirm"
        >
          {t('contact_delete')}
        </button>
        <button type="button" class="link" onClick={() => setConfirming(false)}>
          {t('cancel')}
        </button>
      </div>
    );
  }
  return (
    <div class="form-actions">
      <button type="button" onClick={() => onEdit(contact)} data-action="contact-edit">
        {t('contact_edit')}
      </button>
      <button type="button" class="link" onClick={() => setConfirming(true)} data-action="contact-delete">
        {t('contact_delete')}
      </button>
    </div>
  );
}
