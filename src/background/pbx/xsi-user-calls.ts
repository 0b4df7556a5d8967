import type { CallElsewhereAction } from '../../shared/model/call-elsewhere.ts';
import type { XsiActionsClient } from './xsi-actions-client.ts';

/**
 * The user's calls on their other phones, acted on through XSI call control (spec §3.5.4): hang up (`DELETE
 * …/calls/<callId>`), hold (`PUT …/Hold`), take back (`PUT …/Talk`, which also answers one ringing). The phone the
 * call is on carries it out; what the PBX refuses comes back in its own words.
 */
export class XsiUserCalls {
  constructor(private readonly client: XsiActionsClient) {}

  async act(callId: string, action: CallElsewhereAction): Promise<void> {
    const call = `/user/{user}/calls/${encodeURIComponent(callId)}`;
    if (action === 'hang-up') await this.client.request('DELETE', call);
    else await this.client.request('PUT', `${call}/${action === 'hold' ? 'Hold' : 'Talk'}`);
  }
}
