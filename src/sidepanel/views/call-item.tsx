import { useEffect, useState } from 'preact/hooks';
import type { Call, CallAction } from '../../shared/model/call.ts';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';

const LABELS: Record<CallAction, MessageKey> = {
  answer: 'call_answer',
  'hang-up': 'call_hang_up',
  hold: 'call_hold',
  resume: 'call_resume',
  mute: 'call_mute',
  unmute: 'call_unmute',
};

/** The actions that make sense for a call in its current state, in the order they are shown. */
export function actionsFor(call: Call): CallAction[] {
  switch (call.status) {
    case 'Alerting':
      return ['answer', 'hang-up'];
    case 'Active':
      return ['hold', call.isMuted ? 'unmute' : 'mute', 'hang-up'];
    case 'Held':
      return ['resume', 'hang-up'];
    case 'Dialing':
    case 'Ringing':
      return ['hang-up'];
    case 'Ended':
      return [];
  }
}

/** One call in the call console: who, state, timer, and its actions. */
export function CallItem({ call }: { call: Call }) {
  const party = call.remoteName || call.remoteNumber;
  const act = async (action: CallAction) => {
    const result = await command('call/action', { callId: call.id, action });
    if (!result.ok) postGlobalMessage('error', tDynamic(result.error.messageKey));
  };
  return (
    <li class={`call call--${call.status}`} data-testid="call" data-call-id={call.id} data-call-status={call.status} aria-label={party}>
      <div class="call__who">
        <span class="call__party">{party}</span>
        {call.remoteName !== '' && <span class="call__number">{call.remoteNumber}</span>}
      </div>
      <div class="call__state">
        <span class="call__status" data-testid="call-status">
          {tDynamic(`call_status_${call.status}`)}
          {call.isMuted && ` · ${t('call_unmute')}`}
        </span>
        {call.answeredAt !== null && <CallTimer since={call.answeredAt} />}
      </div>
      <div class="call__actions" role="group" aria-label={t('call_actions', party)}>
        {actionsFor(call).map((action) => (
          <button
            key={action}
            type="button"
            class={action === 'answer' ? 'primary' : action === 'hang-up' ? 'danger' : ''}
            data-action={action}
            onClick={() => void act(action)}
          >
            {t(LABELS[action])}
          </button>
        ))}
      </div>
    </li>
  );
}

function CallTimer({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <time class="call__timer" dateTime={`PT${seconds}S`} data-testid="call-timer">
      {text}
    </time>
  );
}
