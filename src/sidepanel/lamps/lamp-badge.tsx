import type { Lamp } from '../../shared/model/lamp.ts';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { ElapsedTime } from '../../shared/ui/elapsed-time.tsx';
import { isLampTimed, LAMP_VISUAL, lampDetail, lampStateWords } from './lamp-words.ts';
import { useLineLamp } from './line-lamps.ts';

/**
 * A colleague's busy lamp: the state's colour, icon and words, who they are with (named from the directories when
 * they know the peer) and for how long, and Do Not Disturb or forwarding when the PBX tells (XSI monitored users).
 * Everything the PBX said (a display name, a refusal, a number) is drawn as text.
 */
export function LampBadge({ lamp, peerName }: { lamp: Lamp; peerName?: string | undefined }) {
  const isTimed = isLampTimed(lamp);
  const detail = lampDetail(lamp, peerName);
  return (
    <span
      class="lamp"
      data-testid="lamp"
      data-lamp-line={lamp.id}
      data-lamp-state={lamp.state}
      title={detail ?? undefined}
    >
      <StateBadge state={LAMP_VISUAL[lamp.state]} text={lampStateWords(lamp)} />
      {detail !== null && <span class="lamp__detail">{detail}</span>}
      {lamp.service !== null && (lamp.service.isDoNotDisturb || lamp.service.forwardTo !== null) && (
        <span class="lamp__service" data-testid="lamp-service">
          {lamp.service.isDoNotDisturb ? t('lamp_do_not_disturb') : t('lamp_forwarded', lamp.service.forwardTo ?? '')}
        </span>
      )}
      {isTimed && lamp.since !== null && <ElapsedTime class="lamp__timer" since={lamp.since} />}
    </span>
  );
}

/** The lamp of a line when it is watched (nothing when it is not), drawn again alone when that lamp changes. */
export function WatchedLampBadge({ line }: { line: string | null }) {
  const { lamp, peerName } = useLineLamp(line);
  return lamp === undefined ? null : <LampBadge lamp={lamp} peerName={peerName} />;
}
