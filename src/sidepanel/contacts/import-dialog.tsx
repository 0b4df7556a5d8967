import { useState } from 'preact/hooks';
import type { DirectorySummary } from '../../shared/model/contact.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { decodeFile } from '../../shared/contacts/clean-text.ts';
import type { ImportRow } from '../../shared/contacts/import-row.ts';
import { loadContactFormats } from './load-contact-formats.ts';
import { directoryName } from './directory-names.ts';

const MAX_BYTES = 20 * 1024 * 1024;
const CHUNK = 1000;
const ERRORS_SHOWN = 100;

type Stage =
  | { kind: 'choose'; error: string | null }
  | { kind: 'reading'; fileName: string }
  | { kind: 'preview'; rows: ImportRow[]; encoding: string }
  | { kind: 'importing'; done: number; total: number };

/**
 * Import a vCard or CSV file into a directory kept here: the file is read in this page (ical.js, papaparse), shown as
 * a preview with every row that cannot be imported and why, and nothing is stored until the receptionist chooses
 * Add or Replace. The contacts then travel in parts kept aside and join the directory at once: an import that fails
 * half-way leaves the directory as it was.
 */
export function ImportDialog({ directory, onClose }: { directory: DirectorySummary; onClose: () => void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'choose', error: null });
  const read = async (file: File) => {
    if (file.size > MAX_BYTES) return setStage({ kind: 'choose', error: t('error_import_too_large') });
    const isVCard = /\.(vcf|vcard)$/i.test(file.name) || file.type === 'text/vcard';
    const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
    if (!isVCard && !isCsv) return setStage({ kind: 'choose', error: t('error_import_format') });
    setStage({ kind: 'reading', fileName: file.name });
    const { text, encoding } = decodeFile(await file.arrayBuffer());
    const formats = await loadContactFormats().catch(() => null);
    if (formats === null) return setStage({ kind: 'choose', error: t('import_failed') });
    if (isVCard) return setStage({ kind: 'preview', rows: await formats.parseVCards(text), encoding });
    const csv = await formats.parseCsv(text);
    if (csv.missingColumns) return setStage({ kind: 'choose', error: t('error_import_columns') });
    setStage({ kind: 'preview', rows: csv.rows, encoding });
  };
  const commit = async (rows: ImportRow[], mode: 'add' | 'replace') => {
    const contacts = rows.flatMap((row) => (row.kind === 'ok' ? [row.fields] : []));
    const token = crypto.randomUUID();
    const fail = async (message: string) => {
      await command('contacts/import-abandon', { token });
      postGlobalMessage('error', `${t('import_failed')} ${message}`);
      setStage({ kind: 'choose', error: t('import_failed') });
    };
    for (let done = 0; done < contacts.length; done += CHUNK) {
      setStage({ kind: 'importing', done, total: contacts.length });
      const result = await command('contacts/import-stage', { token, contacts: contacts.slice(done, done + CHUNK) });
      if (!result.ok) return fail(errorText(result.error));
    }
    const result = await command('contacts/import-commit', { token, directoryId: directory.id, mode });
    if (!result.ok) return fail(errorText(result.error));
    postGlobalMessage('info', t('import_done', result.value.count, directoryName(directory)));
    onClose();
  };
  const close = () => {
    if (stage.kind !== 'importing') onClose();
  };
  return (
    <Dialog title={`${t('import_title')} — ${directoryName(directory)}`} onCancel={close} testId="import-dialog">
      {stage.kind === 'choose' && (
        <>
          <label class="field">
            {t('import_choose')}
            <input
              type="file"
              accept=".vcf,.vcard,.csv,text/vcard,text/csv"
              aria-invalid={stage.error !== null}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file !== undefined) void read(file);
              }}
              data-testid="import-file"
            />
          </label>
          {stage.error !== null && (
            <p class="form-error" role="alert" data-testid="import-error">
              {stage.error}
            </p>
          )}
          {directory.id === 'outlook' && <p class="hint">{t('contacts_outlook_how')}</p>}
        </>
      )}
      {stage.kind === 'reading' && <p role="status">{t('import_reading', stage.fileName)}</p>}
      {stage.kind === 'preview' && (
        <Preview rows={stage.rows} encoding={stage.encoding} onCommit={(mode) => void commit(stage.rows, mode)} />
      )}
      {stage.kind === 'importing' && (
        <p role="status">
          <progress max={stage.total} value={stage.done} /> {t('import_progress', stage.done, stage.total)}
        </p>
      )}
      {stage.kind !== 'importing' && (
        <div class="form-actions">
          <button type="button" class="link" onClick={onClose} data-testid="import-cancel">
            {t('cancel')}
          </button>
        </div>
      )}
    </Dialog>
  );
}

function Preview({
  rows,
  encoding,
  onCommit,
}: {
  rows: ImportRow[];
  encoding: string;
  onCommit: (mode: 'add' | 'replace') => void;
}) {
  const good = rows.filter((row) => row.kind === 'ok');
  const bad = rows.filter((row) => row.kind === 'error');
  const cleaned = good.filter((row) => row.wasCleaned).length;
  return (
    <div class="import-preview" data-testid="import-preview">
      <p data-testid="import-summary">{t('import_summary', good.length, bad.length)}</p>
      <p class="hint">{t('import_encoding', encoding)}</p>
      {cleaned > 0 && <p class="hint">{t('import_cleaned', cleaned)}</p>}
      {good.length > 0 && (
        <ul class="import-preview__sample">
          {good.slice(0, 5).map((row) => (
            <li key={row.line}>
              {row.fields.name}
              {row.fields.phones[0] !== undefined && ` — ${row.fields.phones[0].number}`}
            </li>
          ))}
        </ul>
      )}
      {bad.length > 0 && (
        <details open>
          <summary>{t('import_errors')}</summary>
          <ul class="import-preview__errors" data-testid="import-errors">
            {bad.slice(0, ERRORS_SHOWN).map((row) => (
              <li key={row.line}>
                {t('import_line', row.line)}: {tDynamic(row.reason)}
                {row.excerpt !== '' && <span class="hint"> — {row.excerpt}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="form-actions">
        <button
          type="button"
          class="primary"
          disabled={good.length === 0}
          onClick={() => onCommit('add')}
          data-testid="import-add"
        >
          {t('import_add')}
        </button>
        <button
          type="button"
          disabled={good.length === 0}
          onClick={() => onCommit('replace')}
          data-testid="import-replace"
        >
          {t('import_replace')}
        </button>
      </div>
    </div>
  );
}
