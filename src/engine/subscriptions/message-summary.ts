import type { VoicemailSummary } from '../../shared/model/voicemail.ts';

const MAX_COUNT = 9_999;

/**
 * Reads an `application/simple-message-summary` body: `Messages-Waiting: yes|no`, then `Voice-Message: new/old
 * (urgent-new/urgent-old)` when the server counts. Null for a body without the mandatory status line; counts that
 * are absent or out of range read as 0 (a server that only says "yes" still lights the indicator).
 */
export function parseMessageSummary(body: string): VoicemailSummary | null {
  const lines = body.split(/\r?\n/).map((line) => line.trim());
  const status = lines.map((line) => /^messages-waiting\s*:\s*(yes|no)\b/i.exec(line)).find((match) => match !== null);
  if (status === undefined || status === null) return null;
  const voice = lines
    .map((line) => /^voice-message\s*:\s*(\d{1,6})\s*\/\s*(\d{1,6})/i.exec(line))
    .find((match) => match !== null);
  const count = (text: string | undefined) => Math.min(MAX_COUNT, Number(text ?? 0));
  return {
    isWaiting: status[1]?.toLowerCase() === 'yes',
    newMessages: voice ? count(voice[1]) : 0,
    oldMessages: voice ? count(voice[2]) : 0,
  };
}
