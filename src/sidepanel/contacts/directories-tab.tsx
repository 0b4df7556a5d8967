import type { ConsoleState } from '../shell/console-state.ts';
import type { DirectoryId } from '../../shared/model/contact.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { directoryName } from './directory-names.ts';

/**
 * Directories: show or hide each one (a hidden directory is neither listed nor searched nor used to name callers),
 * "Show all", and put one in the call console for the contacts used most — saved in the workspace.
 */
export function DirectoriesTab({ state }: { state: ConsoleState }) {
  const workspace = state.workspace.current;
  const { hidden, inCallConsole } = workspace.directories;
  const save = (next: { hidden: DirectoryId[]; inCallConsole: DirectoryId[] }) =>
    void commandOrReport('workspace/update', { workspace: { ...workspace, directories: next } });
  const toggle = (list: readonly DirectoryId[], id: DirectoryId, isOn: boolean) =>
    isOn ? [...list.filter((each) => each !== id), id] : list.filter((each) => each !== id);
  return (
    <div class="directories-tab" data-testid="directories">
      <table class="directories">
        <thead>
          <tr>
            <th scope="col">{t('directories_name')}</th>
            <th scope="col">{t('directories_shown')}</th>
            <th scope="col">{t('directories_in_call_console')}</th>
          </tr>
        </thead>
        <tbody>
          {state.contacts.directories.map((directory) => {
            const name = directoryName(directory);
            return (
              <tr key={directory.id} data-directory={directory.id}>
                <th scope="row">
                  {name} <span class="hint">{t('contacts_count', directory.count)}</span>
                </th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('directories_show', name)}
                    checked={!hidden.includes(directory.id)}
                    onChange={(event) =>
                      save({
                        hidden: toggle(hidden, directory.id, !event.currentTarget.checked),
                        inCallConsole: [...inCallConsole],
                      })
                    }
                    data-testid={`directory-shown-${directory.id}`}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('directories_put_in_call_console', name)}
                    checked={inCallConsole.includes(directory.id)}
                    onChange={(event) =>
                      save({
                        hidden: [...hidden],
                        inCallConsole: toggle(inCallConsole, directory.id, event.currentTarget.checked),
                      })
                    }
                    data-testid={`directory-in-console-${directory.id}`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        disabled={hidden.length === 0}
        onClick={() => save({ hidden: [], inCallConsole: [...inCallConsole] })}
        data-testid="directories-show-all"
      >
        {t('directories_show_all')}
      </button>
    </div>
  );
}
