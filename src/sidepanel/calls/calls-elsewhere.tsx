import type { CallElsewhere, CallElsewhereAction } from '../../shared/model/call-elsewhere.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { useCommand } from '../../shared/ui/use-command.ts';
import { CallTimer } from './call-card.tsx';

const STATE_WORDS: Record<CallElsewhere['state'], MessageKey> = {
  ringing: 'calls_elsewhere_ringing',
  talking: 'calls_elsewhere_talking',
  held: 'calls_elsewhere_held',
};

/** What can be done to a call elsewhere in each state, in the order shown (its phone answers a ringing one). */
const ACTIONS: Record<CallElsewhere['state'], readonly CallElsewhereAction[]> = {
  ringing: ['hang-up'],
  talking: ['hold', 'hang-up'],
  held: ['resume', 'hang-up'],
};
const ACTION_WORDS: Record<CallElsewhereAction, MessageKey> = {
  'hang-up': 'call_hang_up',
  hold: 'call_hold',
  resume: 'call_resume',
};

/**
 * The user's calls on their other phones (desk phone, mobile, another console) as the PBX reports them over XSI: who
 * with, ringing, talking or on hold, and for how long — below the console's own calls, so that the receptionist knows
 * their line is taken — with hold, take back and hang up carried out there through the PBX.
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
              <CallElsewhereActions call={call} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function CallElsewhereActions({ call }: { call: CallElsewhere }) {
  const act = useCommand('calls-elsewhere/act');
  return (
    <span class="calls-elsewhere__actions">
      {ACTIONS[call.state].map((action) => (
        <IconButton
          key={action}
          icon={action}
          label={t(ACTION_WORDS[action])}
          disabled={act.isPending}
          onClick={() => void act.run({ callId: call.id, action })}
          data-action={action}
        />
      ))}
    </span>
  );
}
