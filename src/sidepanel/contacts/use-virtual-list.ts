import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import {
  Virtualizer,
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  type VirtualItem,
} from '@tanstack/virtual-core';

/**
 * A long list drawn a screenful at a time (issue #13: "lists of any length stay smooth"), on @tanstack/virtual-core:
 * the scroll box, the rows in view (each measured, so an expanded contact takes its height) and the total height.
 */
export function useVirtualList(count: number, estimateSize: number) {
  const scrollBox = useRef<HTMLDivElement>(null);
  const [, redraw] = useReducer((tick: number) => tick + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLDivElement, HTMLElement>({
        count,
        getScrollElement: () => scrollBox.current,
        estimateSize: () => estimateSize,
        scrollToFn: elementScroll,
        observeElementRect,
        observeElementOffset,
        measureElement,
        overscan: 8,
        // Sizes observed are acted on at the next frame: acting inside the observer's callback redraws the list, which
        // resizes what is observed again in the same frame, and Chromium reports "ResizeObserver loop completed with
        // undelivered notifications" as an error.
        useAnimationFrameWithResizeObserver: true,
        onChange: () => redraw(undefined),
      }),
  );
  virtualizer.setOptions({ ...virtualizer.options, count });
  useEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  const items: VirtualItem[] = virtualizer.getVirtualItems();
  return { scrollBox, items, totalSize: virtualizer.getTotalSize(), measure: virtualizer.measureElement };
}
