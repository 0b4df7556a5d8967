import type { Call, SignalingDetails } from '../../shared/model/call.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { useCallHistory } from '../history/use-call-history.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, uiLanguage } from '../../shared/ui/i18n-signal.ts';

const SHOWN = 5;

interface TracedCall {
  readonly id: string;
  readonly at: number;
  readonly party: string;
  readonly signaling: SignalingDetails;
}

/**
 * Call trace, on the last incoming calls: how each reached us (From, P-Asserted-Identity, Call-ID, time), for the
 * receptionist to report a malicious call; and the PBX's malicious-call-trace code (`*57` by default), which traces
 * the last call received.
 */
export function CallTracePanel({
  calls,
  revision,
  traceCode,
  onClose,
}: {
  calls: readonly Call[];
  revision: number;
  traceCode: string;
  onClose: () => void;
}) {
  const records = useCallHistory('all', '', revision);

  const traced: TracedCall[] = [
    ...calls.flatMap((call) =>
      call.signaling === null
        ? []
        : [{ id: call.id, at: call.createdAt, party: call.remoteName || call.remoteNumber, signaling: call.signaling }],
    ),
    ...(records ?? []).flatMap((record) =>
      record.signaling === null || calls.some((call) => call.id === record.id)
        ? []
        : [
            {
              id: record.id,
              at: record.startedAt,
              party: record.remoteName || record.remoteNumber,
              signaling: record.signaling,
            },
          ],
    ),
  ]
    .sort((left, right) => right.at - left.at)
    .slice(0, SHOWN);

  const trace = async () => {
    const result = await command('call/dial', { target: traceCode });
    if (result.ok) postGlobalMessage('info', t('call_trace_sent', traceCode));
    else postGlobalMessage('error', errorText(result.error));
  };
  const time = new Intl.DateTimeFormat(uiLanguage.value, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section class="call-trace" aria-labelledby="call-trace-title" data-testid="call-trace">
      <div class="pane__header">
        <h3 id="call-trace-title">{t('call_trace')}</h3>
        <button type="button" class="link" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <button type="button" class="danger" onClick={() => void trace()} data-testid="call-trace-send">
        {t('call_trace_last', traceCode)}
      </button>
      {records === null ? (
        <p role="status">{t('app_loading')}</p>
      ) : traced.length === 0 ? (
        <EmptyState icon="trace" text={t('call_trace_empty')} />
      ) : (
        <ol class="call-trace__list">
          {traced.map((entry) => (
            <li key={entry.id} data-testid="call-trace-entry">
              <p class="call-trace__who">
                <strong>{entry.party}</strong> ·{' '}
                <time dateTime={new Date(entry.at).toISOString()}>{time.format(entry.at)}</time>
              </p>
              <dl>
                <dt>From</dt>
                <dd>{entry.signaling.from}</dd>
                <dt>P-Asserted-Identity</dt>
                <dd>{entry.signaling.pAssertedIdentity ?? '—'}</dd>
                <dt>Call-ID</dt>
                <dd>{entry.signaling.callId}</dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
