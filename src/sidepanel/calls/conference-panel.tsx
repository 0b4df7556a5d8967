import type { Call, Conference, ConferenceRequest } from '../../shared/model/call.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/**
 * My Conferences: the three-way conference in progress — its participants, and End conference (everyone hangs up),
 * Leave conference (the two others stay connected), Hold / Resume conference, and the receptionist's microphone.
 */
export function ConferencePanel({ conference, calls }: { conference: Conference; calls: readonly Call[] }) {
  const participants = conference.callIds
    .map((id) => calls.find((call) => call.id === id))
    .filter((call): call is Call => call !== undefined);
  const act = async (request: ConferenceRequest) => {
    await commandOrReport('call/conference', request);
  };
  return (
    <section
      class={`conference${conference.isHeld ? ' conference--held' : ''}`}
      aria-labelledby="conference-title"
      data-testid="conference"
    >
      <h3 id="conference-title">
        {t('conference_title')}
        <span class="conference__state" data-testid="conference-state">
          {' · '}
          {conference.isHeld ? t('call_status_Held') : t('call_status_Active')}
        </span>
      </h3>
      <ul class="conference__participants" aria-label={t('conference_participants')}>
        <li>{t('conference_you')}</li>
        {participants.map((call) => (
          <li key={call.id} data-testid="conference-participant">
            {call.remoteName || call.remoteNumber}
          </li>
        ))}
      </ul>
      <div class="call__actions" role="group" aria-label={t('conference_title')}>
        {conference.isHeld ? (
          <button type="button" onClick={() => void act({ action: 'resume' })} data-action="conference-resume">
            {t('conference_resume')}
          </button>
        ) : (
          <button type="button" onClick={() => void act({ action: 'hold' })} data-action="conference-hold">
            {t('conference_hold')}
          </button>
        )}
        <button
          type="button"
          aria-pressed={conference.isMuted}
          onClick={() => void act({ action: conference.isMuted ? 'unmute' : 'mute' })}
          data-action="conference-mute"
        >
          {conference.isMuted ? t('call_unmute') : t('call_mute')}
        </button>
        <button type="button" onClick={() => void act({ action: 'leave' })} data-action="conference-leave">
          {t('conference_leave')}
        </button>
        <button type="button" class="danger" onClick={() => void act({ action: 'end' })} data-action="conference-end">
          {t('conference_end')}
        </button>
      </div>
    </section>
  );
}
