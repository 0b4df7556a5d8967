import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/ui/i18n-signal.ts';
import type { PaneId } from '../../shared/model/workspace.ts';

const MIN_HEIGHT = 60;
const MAX_HEIGHT = 4000;
const KEY_STEP = 24;

const clamp = (height: number) => Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));

/**
 * The bar under a pane's body that sets its height, as the WAI-ARIA window splitter: dragged with the pointer (the
 * body follows live, the height is saved once released), ↑ / ↓ by steps from the keyboard, Home or a double click
 * back to "as tall as its content".
 */
export function PaneResizer({
  paneId,
  title,
  height,
  body,
  onResize,
}: {
  paneId: PaneId;
  title: string;
  height: number | null;
  body: RefObject<HTMLDivElement | null>;
  onResize: (height: number | null) => void;
}) {
  const currentHeight = () => body.current?.getBoundingClientRect().height ?? MIN_HEIGHT;
  const onPointerDown = (event: PointerEvent) => {
    const element = body.current;
    if (element === null || event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    const startY = event.clientY;
    const startHeight = currentHeight();
    let next = startHeight;
    const onMove = (move: PointerEvent) => {
      next = clamp(startHeight + move.clientY - startY);
      element.style.height = `${next}px`;
    };
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      handle.removeEventListener('pointercancel', onUp);
      if (next !== startHeight) onResize(next);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
    handle.addEventListener('pointercancel', onUp);
  };
  // Keys pressed in a row each start from the height the last one asked for: the workspace comes back from the
  // background a moment later, and a render in between still shows an older height.
  const requested = useRef<number | null | undefined>(undefined);
  if (requested.current === height) requested.current = undefined;
  const onKeyDown = (event: KeyboardEvent) => {
    const element = body.current;
    if (element === null) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const base = typeof requested.current === 'number' ? requested.current : currentHeight();
      const next = clamp(base + (event.key === 'ArrowUp' ? -KEY_STEP : KEY_STEP));
      requested.current = next;
      element.style.height = `${next}px`;
      onResize(next);
    } else if (event.key === 'Home') {
      event.preventDefault();
      requested.current = null;
      element.style.height = '';
      onResize(null);
    }
  };
  // The separator says the body's height: the one set, or the natural one measured when the page is idle. Measuring
  // forces a layout; right after the console's first draw it held the page 5–9 ms before the panes could answer.
  const separator = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const say = (value: number) => separator.current?.setAttribute('aria-valuenow', String(Math.round(value)));
    if (height !== null) {
      say(height);
      return undefined;
    }
    const measuring = requestIdleCallback(() => say(currentHeight()), { timeout: 1000 });
    return () => cancelIdleCallback(measuring);
  }, [height]);
  return (
    <div
      ref={separator}
      class="pane__resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('pane_resize', title)}
      aria-controls={`pane-${paneId}-body`}
      aria-valuemin={MIN_HEIGHT}
      aria-valuemax={MAX_HEIGHT}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDblClick={() => onResize(null)}
      data-testid={`resize-${paneId}`}
    />
  );
}
