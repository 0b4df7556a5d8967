import { useEffect, useState } from 'preact/hooks';
import type { CallRecord, HistoryFilter } from '../../shared/model/call-record.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';

/**
 * The call history for a view, read again whenever the query or the background's `revision` changes (null while the
 * first read is under way). An answer that arrives after a newer query started is dropped.
 */
export function useCallHistory(filter: HistoryFilter, search: string, revision: number): readonly CallRecord[] | null {
  const [rows, setRows] = useState<readonly CallRecord[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void command('history/list', { filter, search, limit: 100 }).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setRows(result.value);
      else postGlobalMessage('error', errorText(result.error));
    });
    return () => {
      isCurrent = false;
    };
  }, [filter, search, revision]);
  return rows;
}
