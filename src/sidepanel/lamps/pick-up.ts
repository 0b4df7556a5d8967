import type { Lamp } from '../../shared/model/lamp.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/** Picks up the call ringing at a colleague, from their lamp, and says so (or why not). */
export async function pickUp(lamp: Lamp, colleague: string): Promise<void> {
  const result = await commandOrReport('lamp/pick-up', { line: lamp.id });
  if (result.ok) postGlobalMessage('info', t('lamp_picked_up', colleague));
}
