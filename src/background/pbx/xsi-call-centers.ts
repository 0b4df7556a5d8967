import type { AvailableQueue, QueueCallAction } from '../../shared/model/call-queue.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';
import { acdPromoteXml, parseCallCenters } from '../../shared/xsi/acd-documents.ts';
import { xsiDocument } from '../../shared/xsi/xsi-documents.ts';
import type { XsiActionsClient } from './xsi-actions-client.ts';

/**
 * The call-center commands of XSI-Actions (spec §3.5.7.3, §3.5.9–3.5.10) the queued-calls pane uses: which call
 * centers the user may watch, and on a queued call retrieve (BlindTransfer to the receptionist's own number — XSI has
 * no retrieve of its own), transfer, release, promote and reorder; and switching night service or forced forwarding.
 * What the server refuses (not a supervisor, Premium only, reorder outside the highest priority) comes back in its own
 * words through the client's errors.
 */
export class XsiCallCenters {
  constructor(
    private readonly client: XsiActionsClient,
    private readonly ownNumber: () => string,
  ) {}

  async available(): Promise<AvailableQueue[]> {
    const xml = await this.client.request('GET', '/user/{user}/directories/CallCenters?user=Supervisor');
    return this.client.read(() => parseCallCenters(xml));
  }

  async act(queueId: string, callId: string, action: QueueCallAction): Promise<void> {
    const call = `/callcenter/${encodeURIComponent(queueId)}/calls/${encodeURIComponent(callId)}`;
    switch (action.action) {
      case 'retrieve':
      case 'transfer': {
        const number = action.action === 'retrieve' ? this.ownNumber() : action.number;
        if (number === '') throw new CommandError({ code: 'failed', messageKey: 'error_xsi_not_configured' });
        await this.client.request('PUT', `${call}/BlindTransfer?phoneno=${encodeURIComponent(number)}`);
        return;
      }
      case 'release':
        await this.client.request('DELETE', call);
        return;
      case 'promote':
        await this.client.request('PUT', `${call}/Promote`, acdPromoteXml(action.priority));
        return;
      case 'move':
        await this.client.request('PUT', `${call}/Reorder?index=${action.index}`);
        return;
    }
  }

  /** Night service switched on or off by hand (its action stays as the administrator set it). */
  async setNightService(queueId: string, isForced: boolean): Promise<void> {
    await this.client.request(
      'PUT',
      `/callcenter/${encodeURIComponent(queueId)}/profile/policies/NightService`,
      xsiDocument('ACDNightService', { forceNightService: isForced }),
    );
  }

  async setForcedForwarding(queueId: string, isActive: boolean, number: string): Promise<void> {
    await this.client.request(
      'PUT',
      `/callcenter/${encodeURIComponent(queueId)}/profile/policies/ForcedForwarding`,
      xsiDocument('ACDForcedForwarding', {
        active: isActive,
        ...(number === '' ? {} : { forwardToPhoneNumber: number }),
      }),
    );
  }
}
