import { command } from '../../shared/ui/command-client.ts';
import { CONSOLE_WINDOW_QUERY, type WindowBounds } from '../../shared/model/console-window.ts';

/** Whether this page is the console's own window (Open in a window), not the side panel or a tab. */
export function isConsoleWindow(): boolean {
  return location.search.slice(1).split('&').includes(CONSOLE_WINDOW_QUERY);
}

/** How often the window's place is looked at: a window moved to another screen fires no event in the page. */
const MOVE_CHECK_MS = 2000;

/**
 * In the console's own window, tells the background where the window is whenever it is resized or moved, so it
 * opens there next time. Returns the function that stops it.
 */
export function reportConsoleWindowBounds(): () => void {
  let last = '';
  const report = () => {
    const bounds: WindowBounds = {
      left: Math.round(window.screenX),
      top: Math.round(window.screenY),
      width: Math.max(320, Math.round(window.outerWidth)),
      height: Math.max(240, Math.round(window.outerHeight)),
    };
    const key = JSON.stringify(bounds);
    if (key === last) return;
    last = key;
    void command('console/window-bounds', bounds);
  };
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(report, 300);
  };
  window.addEventListener('resize', onResize);
  window.addEventListener('pagehide', report);
  const moveCheck = setInterval(report, MOVE_CHECK_MS);
  report();
  return () => {
    clearTimeout(resizeTimer);
    clearInterval(moveCheck);
    window.removeEventListener('resize', onResize);
    window.removeEventListener('pagehide', report);
  };
}
