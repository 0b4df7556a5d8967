import type { Lamp, LampState } from '../../shared/model/lamp.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import type { VisualState } from '../../shared/ui/visual-state.ts';

/** How each lamp state looks: the colours and icons every state shares (a colleague dialling out is on the phone). */
export const LAMP_VISUAL: Record<LampState, VisualState> = {
  idle: 'idle',
  ringing: 'ringing',
  dialing: 'talking',
  talking: 'talking',
  held: 'held',
  unknown: 'offline',
  offline: 'offline',
};

const STATE_WORDS: Record<LampState, MessageKey> = {
  idle: 'lamp_idle',
  ringing: 'lamp_ringing',
  dialing: 'lamp_dialing',
  talking: 'lamp_talking',
  held: 'lamp_held',
  unknown: 'lamp_unknown',
  offline: 'lamp_offline',
};

export function lampStateWords(lamp: Lamp): string {
  return t(STATE_WORDS[lamp.state]);
}

/**
 * What more a lamp says: who is calling the colleague, who they are with (by the name a directory knows them by, when
 * one does: `peerName`), or why the lamp is dark.
 */
export function lampDetail(lamp: Lamp, peerName?: string): string | null {
  const peer = peerName ?? lamp.peer;
  switch (lamp.state) {
    case 'ringing':
      return peer === null ? null : t('lamp_call_from', peer);
    case 'dialing':
    case 'talking':
    case 'held':
      return peer === null ? null : t('lamp_with', peer);
    case 'offline':
      return lamp.problem;
    default:
      return null;
  }
}

/** Whether the lamp shows how long its call has lasted. */
export function isLampTimed(lamp: Lamp): boolean {
  return lamp.since !== null && lamp.state !== 'idle' && lamp.state !== 'unknown' && lamp.state !== 'offline';
}
