import type { CallElsewhere } from '../../shared/model/call-elsewhere.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { CallTimer } from './call-card.tsx';

const STATE_WORDS: Record<CallElsewhere['state'], MessageKey> = {
  ringing: 'calls_elsewhere_ringing',
  talking: 'calls_elsewhere_talking',
  held: 'calls_elsewhere_held',
};

/**
 * The user's calls on their other phones (desk phone, mobile, another console) as the PBX reports them over XSI: who
 * with, ringing, talking or on hold, and for how long. Below the console's own calls, so that the receptionist knows
 * their line is taken; such a call is answered, held and hung up on the phone it is on.
 */
export function CallsElsewhere({ calls }: { calls: readonly CallElsewhere[] }) {
  if (calls.length === 0) return null;
  return (
    <section class="calls-elsewhere" aria-labelledby="calls-elsewhere-title" data-testid="calls-elsewhere">
      <h3 id="calls-elsewhere-title" class="calls-elsewhere__title">
        {t('calls_elsewhere_title')}
      </h3>
      <ul class="calls-elsewhere__list">
        {calls.map((call) => {
          const party = call.remoteName || call.remoteNumber;
          return (
            <li key={call.id} class="calls-elsewhere__call" data-visual-state={call.state} data-testid="call-elsewhere">
              <StateBadge state={call.state} text={t(STATE_WORDS[call.state])} />
              <span class="calls-elsewhere__party" title={call.remoteNumber}>
                {t(call.direction === 'incoming' ? 'calls_elsewhere_from' : 'calls_elsewhere_to', party)}
              </span>
              {call.answeredAt !== null && <CallTimer since={call.answeredAt} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
