import { useEffect, useState } from 'preact/hooks';
import { MAX_WATCHED_QUEUES, type AvailableQueue, type QueuePaneSettings } from '../../shared/model/call-queue.ts';
import { command, commandOrReport, errorText } from '../../shared/ui/command-client.ts';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';

/**
 * The guide's "favourite queues" dialog: the call centers the PBX lets the receptionist watch, up to five chosen, and
 * how many calls each queue lists. Saved at once; the pane follows.
 */
export function FavoriteQueuesDialog({ settings, onClose }: { settings: QueuePaneSettings; onClose: () => void }) {
  const [available, setAvailable] = useState<AvailableQueue[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>(settings.watched.map((queue) => queue.id));
  const [listed, setListed] = useState(settings.listedCalls);
  useEffect(() => {
    void command('queues/available', {}).then((result) => {
      if (result.ok) setAvailable(result.value);
      else setProblem(errorText(result.error));
    });
  }, []);
  const toggle = (id: string) =>
    setChosen(chosen.includes(id) ? chosen.filter((each) => each !== id) : [...chosen, id]);
  const save = async () => {
    const names = new Map([...settings.watched, ...(available ?? [])].map((queue) => [queue.id, queue.name]));
    const watched = chosen.map((id) => ({ id, name: names.get(id) ?? id }));
    const result = await commandOrReport('queues/choose', { watched, listedCalls: listed });
    if (result.ok) onClose();
  };
  return (
    <Dialog
      title={t('queues_choose')}
      description={t('queues_choose_hint', MAX_WATCHED_QUEUES)}
      onCancel={onClose}
      testId="favorite-queues"
    >
      {problem !== null && (
        <p role="alert" class="dialog__problem">
          {problem}
        </p>
      )}
      {available === null && problem === null && <p role="status">{t('loading')}</p>}
      {available !== null && (
        <fieldset class="favorite-queues">
          <legend>{t('queues_available')}</legend>
          {available.map((queue) => (
            <label key={queue.id} class="favorite-queues__choice">
              <input
                type="checkbox"
                checked={chosen.includes(queue.id)}
                disabled={!chosen.includes(queue.id) && chosen.length >= MAX_WATCHED_QUEUES}
                onChange={() => toggle(queue.id)}
                data-queue={queue.id}
              />
              {queue.name} <span class="favorite-queues__count">({t('queue_waiting', queue.count)})</span>
            </label>
          ))}
        </fieldset>
      )}
      <label class="favorite-queues__listed">
        {t('queues_listed_calls')}
        <input
          type="number"
          min={1}
          max={50}
          value={listed}
          onInput={(event) => setListed(Math.min(50, Math.max(1, Number(event.currentTarget.value) || 1)))}
          data-testid="queues-listed-calls"
        />
      </label>
      <div class="dialog__actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" onClick={() => void save()} data-testid="save-queues">
          {t('save')}
        </button>
      </div>
    </Dialog>
  );
}
