import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/ui/i18n-signal.ts';
import type { PaneId, Workspace } from '../../shared/model/workspace.ts';

/**
 * One region of the console as the workspace arranges it: a title that folds and unfolds it, buttons to move it up
 * or down, and a body the receptionist can make taller or shorter (its height is remembered).
 */
export function WorkspacePane(props: {
  id: PaneId;
  title: string;
  testId: string;
  tools?: ComponentChildren;
  pane: Workspace['panes'][number];
  isFirst: boolean;
  isLast: boolean;
  onToggle: () => void;
  onMove: (step: -1 | 1) => void;
  onResize: (height: number) => void;
  children: ComponentChildren;
}) {
  const { id, pane } = props;
  const body = useRef<HTMLDivElement>(null);
  const titleId = `pane-${id}-title`;
  // The latest callback, without re-observing on every render.
  const onResize = useRef(props.onResize);
  onResize.current = props.onResize;

  // A height the receptionist dragged (the browser writes it inline) becomes the pane's height in the workspace.
  useEffect(() => {
    const element = body.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      const height = Number.parseInt(element.style.height, 10);
      if (!Number.isFinite(height)) return;
      clearTimeout(timer);
      timer = setTimeout(() => onResize.current(height), 400);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [pane.isCollapsed]);

  return (
    <section class={`pane pane--${id}`} aria-labelledby={titleId} data-testid={props.testId} data-pane={id}>
      <div class="pane__header">
        <h2 id={titleId} class="pane__title">
          <button
            type="button"
            class="pane__fold"
            aria-expanded={!pane.isCollapsed}
            aria-controls={`pane-${id}-body`}
            onClick={props.onToggle}
            data-testid={`fold-${id}`}
          >
            {props.title}
          </button>
        </h2>
        <div class="pane__tools">
          {!pane.isCollapsed && props.tools}
          <button
            type="button"
            class="pane__move"
            disabled={props.isFirst}
            onClick={() => props.onMove(-1)}
            aria-label={t('pane_move_up', props.title)}
            data-testid={`move-up-${id}`}
          >
            ↑
          </button>
          <button
            type="button"
            class="pane__move"
            disabled={props.isLast}
            onClick={() => props.onMove(1)}
            aria-label={t('pane_move_down', props.title)}
            data-testid={`move-down-${id}`}
          >
            ↓
          </button>
        </div>
      </div>
      {!pane.isCollapsed && (
        <div
          id={`pane-${id}-body`}
          ref={body}
          class="pane__body"
          style={pane.height === null ? undefined : { height: `${pane.height}px` }}
        >
          {props.children}
        </div>
      )}
    </section>
  );
}
