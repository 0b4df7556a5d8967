import type { Call } from '../../shared/model/call.ts';
import type { Contact } from '../../shared/model/contact.ts';
import { lampLineOf } from '../../shared/model/lamp.ts';
import { memo } from '../../shared/ui/memo.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { callDropTarget, startNumberDrag } from '../calls/call-drag.ts';
import { ContactCallActions, transferableCall } from '../contacts/contact-actions.tsx';
import { LampBadge } from './lamp-badge.tsx';
import { LAMP_VISUAL } from './lamp-words.ts';
import { useLineLamp } from './line-lamps.ts';

/**
 * The favourites as a wall of busy lamps (the compact view for a wide console): one tile per colleague in the state's
 * colour, with Pick up while their line rings, Call, and Transfer while a call is up; a call dropped on a tile is
 * transferred to that colleague's line, a tile dropped on a call takes it there.
 */
export function LampGrid({ contacts, calls }: { contacts: readonly Contact[]; calls: readonly Call[] }) {
  const call = transferableCall(calls);
  return (
    <ul class="lamp-grid" data-testid="lamp-grid" aria-label={t('lamp_grid_label')}>
      {contacts.map((contact) => (
        <LampTile key={contact.id} contact={contact} call={call} />
      ))}
    </ul>
  );
}

/** One colleague's tile, drawn again alone when their lamp changes. */
const LampTile = memo(function LampTile({ contact, call }: { contact: Contact; call: Call | undefined }) {
  const watched = lampLineOf(contact);
  const { lamp, peerName } = useLineLamp(watched);
  const line = lamp?.id ?? contact.phones[0]?.number;
  return (
    <li
      class="lamp-tile"
      data-testid="lamp-tile"
      data-visual-state={lamp === undefined ? undefined : LAMP_VISUAL[lamp.state]}
      aria-label={contact.name}
      draggable={line !== undefined}
      onDragStart={(event) => line !== undefined && startNumberDrag(event, line, contact.name)}
      {...(line === undefined ? {} : callDropTarget({ kind: 'number', number: line }, contact.name))}
    >
      <span class="lamp-tile__name">{contact.name}</span>
      {lamp !== undefined && <LampBadge lamp={lamp} peerName={peerName} />}
      {line !== undefined && (
        <span class="lamp-tile__actions">
          <ContactCallActions name={contact.name} number={line} line={watched} call={call} actionPrefix="lamp" />
        </span>
      )}
    </li>
  );
});
