import './history.css';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { useEffect, useState } from 'preact/hooks';
import type { CallRecord, HistoryFilter } from '../../shared/model/call-record.ts';
import { command, commandOrReport } from '../../shared/ui/command-client.ts';
import { t, tDynamic, uiLanguage } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import { callDropTarget } from '../calls/call-drag.ts';
import { useCallHistory } from './use-call-history.ts';

const FILTERS: readonly { id: HistoryFilter; label: MessageKey }[] = [
  { id: 'missed', label: 'history_missed' },
  { id: 'placed', label: 'history_placed' },
  { id: 'received', label: 'history_received' },
  { id: 'all', label: 'history_all' },
];

/** "Answered elsewhere" for a call taken on another phone; "Placed from another phone" for one made there. */
function outcomeWords(record: CallRecord): string {
  return record.direction === 'outgoing' && record.outcome === 'elsewhere'
    ? t('history_outcome_placed_elsewhere')
    : tDynamic(`history_outcome_${record.outcome}`);
}

/**
 * Call history, as the guide arranges it: missed, placed and received calls, searchable, each one call back away.
 * Reads the history again whenever the background says it changed (`revision`). With an XSI backend it holds the
 * PBX's call logs too.
 */
export function CallHistoryPanel({ revision, onClose }: { revision: number; onClose: () => void }) {
  const [filter, setFilter] = useState<HistoryFilter>('missed');
  const [search, setSearch] = useState('');

  useEffect(() => {
    void command('history/mark-missed-seen', {});
  }, [revision]);
  // The PBX's call logs (with XSI): calls made or taken on another phone, or missed while the console was closed.
  useEffect(() => {
    void command('history/read-pbx', {});
  }, []);

  const rows = useCallHistory(filter, search, revision);

  const callBack = async (record: CallRecord) => {
    const result = await commandOrReport('call/dial', { target: record.remoteNumber });
    if (result.ok) onClose();
  };

  const time = new Intl.DateTimeFormat(uiLanguage.value, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section class="history" aria-labelledby="history-title" data-testid="call-history">
      <div class="pane__header">
        <h3 id="history-title">{t('history_title')}</h3>
        <button type="button" class="link" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div role="radiogroup" class="history__filters" aria-label={t('history_title')}>
        {FILTERS.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="radio"
            aria-checked={filter === entry.id}
            data-filter={entry.id}
            onClick={() => setFilter(entry.id)}
          >
            {t(entry.label)}
          </button>
        ))}
      </div>
      <label class="visually-hidden" for="history-search">
        {t('history_search')}
      </label>
      <input
        id="history-search"
        type="search"
        placeholder={t('history_search')}
        value={search}
        onInput={(event) => setSearch(event.currentTarget.value)}
      />
      {rows !== null && rows.length === 0 && <EmptyState icon="history" text={t('history_empty')} />}
      <ul class="history__rows">
        {(rows ?? []).map((record) => (
          <li
            key={record.id}
            class={`history__row history__row--${record.outcome}`}
            data-testid="history-row"
            {...callDropTarget(
              { kind: 'number', number: record.remoteNumber },
              record.remoteName || record.remoteNumber,
            )}
          >
            <span class="history__party">{record.remoteName || record.remoteNumber}</span>
            <span class="history__meta">
              {outcomeWords(record)} ·{' '}
              <time dateTime={new Date(record.endedAt).toISOString()}>{time.format(record.endedAt)}</time>
            </span>
            <button
              type="button"
              data-action="call-back"
              onClick={() => void callBack(record)}
              aria-label={t('history_call_back_to', record.remoteName || record.remoteNumber)}
            >
              {t('history_call_back')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
