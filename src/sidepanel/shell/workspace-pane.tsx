import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { PaneResizer } from './pane-resizer.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { Icon } from '../../shared/ui/icons.tsx';
import { MenuButton } from '../../shared/ui/menu.tsx';
import type { PaneId, Workspace } from '../../shared/model/workspace.ts';

/** The drag data type of a pane being moved by its header: only our own drags carry it. */
const PANE_DRAG_TYPE = 'application/x-switchboard-pane';

type DropSide = 'before' | 'after';

/**
 * One region of the console as the workspace arranges it. Its header folds it (the title), carries its tools and a
 * menu (move up, move down, fold), and moves it by dragging (onto another pane: before or after it, by the half it
 * is dropped on) or from the keyboard (Alt+↑ / Alt+↓ on the title). The bar under the body gives it the height the
 * receptionist drags it to (or sets with the arrows), which is remembered; a body with a height scrolls inside, one
 * without grows with its content and the page scrolls (a ringing call stays pinned in view either way).
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
  /** A pane dropped on this one, to go before or after it. */
  onDropPane: (id: PaneId, side: DropSide) => void;
  /** The body's new height in pixels; null: as tall as its content. */
  onResize: (height: number | null) => void;
  children: ComponentChildren;
}) {
  const { id, pane } = props;
  const body = useRef<HTMLDivElement>(null);
  const [dropSide, setDropSide] = useState<DropSide | null>(null);
  const titleId = `pane-${id}-title`;
  const carriesPane = (event: DragEvent) => event.dataTransfer?.types.includes(PANE_DRAG_TYPE) === true;
  const sideOf = (event: DragEvent): DropSide => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
  };

  return (
    <section
      class={`pane pane--${id}${dropSide === null ? '' : ` pane--drop-${dropSide}`}`}
      aria-labelledby={titleId}
      data-testid={props.testId}
      data-pane={id}
      onDragOver={(event) => {
        if (!carriesPane(event)) return;
        event.preventDefault();
        setDropSide(sideOf(event));
      }}
      onDragLeave={(event) => {
        if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget))
          setDropSide(null);
      }}
      onDrop={(event) => {
        setDropSide(null);
        const dragged = event.dataTransfer?.getData(PANE_DRAG_TYPE);
        if (dragged === undefined || dragged === '' || dragged === id) return;
        event.preventDefault();
        props.onDropPane(dragged as PaneId, sideOf(event));
      }}
    >
      <div
        class="pane__header"
        draggable
        onDragStart={(event) => {
          if (event.dataTransfer === null) return;
          event.dataTransfer.setData(PANE_DRAG_TYPE, id);
          event.dataTransfer.effectAllowed = 'move';
        }}
        data-testid={`pane-header-${id}`}
      >
        <span class="pane__grip" aria-hidden="true">
          <Icon name="grip" />
        </span>
        <h2 id={titleId} class="pane__title">
          <button
            type="button"
            class="pane__fold"
            aria-expanded={!pane.isCollapsed}
            aria-controls={`pane-${id}-body`}
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            onClick={props.onToggle}
            onKeyDown={(event) => {
              if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
              event.preventDefault();
              props.onMove(event.key === 'ArrowUp' ? -1 : 1);
            }}
            data-testid={`fold-${id}`}
          >
            <Icon name={pane.isCollapsed ? 'chevron-right' : 'chevron-down'} />
            <span class="pane__title-text">{props.title}</span>
          </button>
        </h2>
        <div class="pane__tools">
          {!pane.isCollapsed && props.tools}
          <MenuButton
            icon="more"
            label={t('pane_menu', props.title)}
            testId={`pane-menu-${id}`}
            entries={[
              {
                kind: 'action',
                icon: 'arrow-up',
                label: t('pane_move_up', props.title),
                isDisabled: props.isFirst,
                onSelect: () => props.onMove(-1),
                testId: `move-up-${id}`,
              },
              {
                kind: 'action',
                icon: 'arrow-down',
                label: t('pane_move_down', props.title),
                isDisabled: props.isLast,
                onSelect: () => props.onMove(1),
                testId: `move-down-${id}`,
              },
              { kind: 'separator' },
              {
                kind: 'action',
                icon: pane.isCollapsed ? 'chevron-down' : 'chevron-right',
                label: pane.isCollapsed ? t('pane_unfold', props.title) : t('pane_fold', props.title),
                onSelect: props.onToggle,
                testId: `menu-fold-${id}`,
              },
            ]}
          />
        </div>
      </div>
      {!pane.isCollapsed && (
        <>
          <div
            id={`pane-${id}-body`}
            ref={body}
            class={`pane__body${pane.height === null ? '' : ' pane__body--sized'}`}
            style={pane.height === null ? undefined : { height: `${pane.height}px` }}
          >
            {props.children}
          </div>
          <PaneResizer paneId={id} title={props.title} height={pane.height} body={body} onResize={props.onResize} />
        </>
      )}
    </section>
  );
}
