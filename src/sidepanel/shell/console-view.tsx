import './shell.css';
import type { ConsoleState } from './console-state.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { movePane, placePane, type Workspace } from '../../shared/model/workspace.ts';
import { InfoPane } from './info-pane.tsx';
import { PANES } from './pane-registry.ts';
import { WorkspacePane } from './workspace-pane.tsx';

/**
 * The main page, in the guide's four regions: the information pane on top, then the call console, the queued calls
 * and the contacts in the order the workspace keeps. In the side panel they stack; from 900 px wide (a tab, the
 * console's own window) the first two stand in one column and the last takes a second column beside them, as the
 * desktop receptionist consoles have it (sidepanel.css).
 */
export function ConsoleView({ state }: { state: ConsoleState }) {
  const workspace = state.workspace.current;
  const update = (next: Workspace) => {
    void commandOrReport('workspace/update', { workspace: next });
  };
  return (
    <div class="console">
      <InfoPane state={state} />
      <main class="console__main" data-pane-count={workspace.panes.length}>
        {workspace.panes.map((pane, index) => {
          const definition = PANES[pane.id];
          const { Body } = definition;
          const Tools = 'Tools' in definition ? definition.Tools : undefined;
          return (
            <WorkspacePane
              key={pane.id}
              id={pane.id}
              title={t(definition.title)}
              testId={definition.testId}
              tools={Tools === undefined ? undefined : <Tools state={state} />}
              pane={pane}
              isFirst={index === 0}
              isLast={index === workspace.panes.length - 1}
              onToggle={() =>
                update({
                  ...workspace,
                  panes: workspace.panes.map((other) =>
                    other.id === pane.id ? { ...other, isCollapsed: !other.isCollapsed } : other,
                  ),
                })
              }
              onMove={(step) => update(movePane(workspace, pane.id, step))}
              onDropPane={(dragged, side) => {
                const others = workspace.panes.filter((other) => other.id !== dragged);
                const at = others.findIndex((other) => other.id === pane.id) + (side === 'after' ? 1 : 0);
                update(placePane(workspace, dragged, at));
              }}
              onResize={(height) => {
                if (height === pane.height) return;
                update({
                  ...workspace,
                  panes: workspace.panes.map((other) => (other.id === pane.id ? { ...other, height } : other)),
                });
              }}
            >
              <Body state={state} />
            </WorkspacePane>
          );
        })}
      </main>
    </div>
  );
}
