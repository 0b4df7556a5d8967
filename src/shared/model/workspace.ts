import * as v from 'valibot';
import { DirectoryIdSchema } from './contact.ts';

/** The console's movable regions, below the information pane. */
export const PaneIdSchema = v.picklist(['calls', 'queues', 'contacts']);
export type PaneId = v.InferOutput<typeof PaneIdSchema>;

/**
 * The workspace: the layout of the console as the receptionist arranged it — the panes in their order, which are
 * folded, and the height given to each (null: as tall as its content). Saved at logout (asked, or always as
 * Settings › General says) and restored at the next login.
 */
export const WorkspaceSchema = v.object({
  panes: v.pipe(
    v.array(
      v.object({
        id: PaneIdSchema,
        isCollapsed: v.boolean(),
        height: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(4000))),
      }),
    ),
    v.check((panes) => panes.length === 3 && new Set(panes.map((pane) => pane.id)).size === 3, 'error_invalid_value'),
  ),
  /**
   * The contacts pane's directories: those hidden (Directories › Show or hide), and those moved into the call
   * console for the contacts used most. Absent from workspaces saved before release 0.3: none of either.
   */
  directories: v.optional(
    v.object({
      hidden: v.pipe(v.array(DirectoryIdSchema), v.maxLength(64)),
      inCallConsole: v.pipe(v.array(DirectoryIdSchema), v.maxLength(64)),
    }),
    { hidden: [], inCallConsole: [] },
  ),
});
export type Workspace = v.InferOutput<typeof WorkspaceSchema>;

export const DEFAULT_WORKSPACE: Workspace = {
  panes: [
    { id: 'calls', isCollapsed: false, height: null },
    { id: 'queues', isCollapsed: false, height: null },
    { id: 'contacts', isCollapsed: false, height: null },
  ],
  directories: { hidden: [], inCallConsole: [] },
};

/** The workspace in use and whether it differs from the one saved. */
export const WorkspaceStateSchema = v.object({ current: WorkspaceSchema, isChanged: v.boolean() });
export type WorkspaceState = v.InferOutput<typeof WorkspaceStateSchema>;

export function isSameWorkspace(left: Workspace, right: Workspace): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** The pane moved one place up (-1) or down (+1); unchanged at either end. */
export function movePane(workspace: Workspace, id: PaneId, step: -1 | 1): Workspace {
  const panes = [...workspace.panes];
  const index = panes.findIndex((pane) => pane.id === id);
  const target = index + step;
  const moved = panes[index];
  const other = panes[target];
  if (moved === undefined || other === undefined) return workspace;
  panes[index] = other;
  panes[target] = moved;
  return { ...workspace, panes };
}

/**
 * The pane put at `index` of the order as it is without it (a pane dragged onto another: before it, or after it);
 * the others keep their order.
 */
export function placePane(workspace: Workspace, id: PaneId, index: number): Workspace {
  const moved = workspace.panes.find((pane) => pane.id === id);
  if (moved === undefined) return workspace;
  const others = workspace.panes.filter((pane) => pane.id !== id);
  const at = Math.max(0, Math.min(index, others.length));
  return { ...workspace, panes: [...others.slice(0, at), moved, ...others.slice(at)] };
}
