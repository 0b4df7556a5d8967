import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** The console's layout (issue #12): panes the receptionist arranges by hand or keyboard, and a window of its own. */
describe('the console layout', () => {
  const env = usePhoneLab();

  const paneOrder = (panel: Page) =>
    panel.$$eval('[data-pane]', (panes) => panes.map((pane) => pane.getAttribute('data-pane')));
  const waitForOrder = (panel: Page, order: string[]) =>
    panel.waitForFunction(
      (expected) =>
        JSON.stringify(
          Array.from(document.querySelectorAll('[data-pane]'), (pane) => pane.getAttribute('data-pane')),
        ) === JSON.stringify(expected),
      POLL,
      order,
    );
  const focused = (panel: Page) => panel.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  it('moves a pane by dragging its header, by its menu from the keyboard, and by Alt+arrows on its title', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    expect(await paneOrder(panel)).toEqual(['calls', 'queues', 'contacts']);

    // The contacts' header dropped on the lower half of the call console: the contacts go just below it; dropped on
    // the upper half of the call console, just above it.
    const boxOf = async (selector: string) => {
      const box = await (await panel.$(selector))?.boundingBox();
      if (box === null || box === undefined) throw new Error(`no ${selector}`);
      return box;
    };
    const dragHeader = async (pane: string, onto: string, atHeight: number) => {
      const from = await boxOf(`[data-testid="pane-header-${pane}"]`);
      const to = await boxOf(`[data-pane="${onto}"]`);
      await panel.mouse.dragAndDrop(
        { x: from.x + 24, y: from.y + from.height / 2 },
        { x: to.x + to.width / 2, y: to.y + to.height * atHeight },
      );
    };
    await panel.setDragInterception(true);
    await dragHeader('contacts', 'calls', 0.8);
    await waitForOrder(panel, ['calls', 'contacts', 'queues']);
    await dragHeader('queues', 'calls', 0.2);
    await waitForOrder(panel, ['queues', 'calls', 'contacts']);
    await dragHeader('queues', 'contacts', 0.8);
    await waitForOrder(panel, ['calls', 'contacts', 'queues']);
    await panel.setDragInterception(false);

    // The queues' menu, from the keyboard: Enter opens it on its first entry (Move up), Enter chooses.
    await panel.focus('[data-testid="pane-menu-queues"]');
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[role="menu"]');
    expect(await focused(panel)).toBe('move-up-queues');
    await panel.keyboard.press('Enter');
    await waitForOrder(panel, ['calls', 'queues', 'contacts']);
    // Escape closes a menu and gives the focus back to its button.
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[role="menu"]');
    await panel.keyboard.press('ArrowDown');
    expect(await focused(panel)).toBe('move-down-queues');
    await panel.keyboard.press('Escape');
    await panel.waitForSelector('[role="menu"]', { hidden: true });
    expect(await focused(panel)).toBe('pane-menu-queues');

    // Alt+↑ on a pane's title moves it up; the focus stays on it.
    await panel.focus('[data-testid="fold-contacts"]');
    await panel.keyboard.down('Alt');
    await panel.keyboard.press('ArrowUp');
    await panel.keyboard.up('Alt');
    await waitForOrder(panel, ['calls', 'contacts', 'queues']);
    expect(await focused(panel)).toBe('fold-contacts');
  });

  it('sets a pane height from the keyboard, keeps a ringing call in view as the calls scroll, and gives the height back', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    const bodyHeight = () => panel.$eval('#pane-calls-body', (body) => (body as HTMLElement).style.height);

    await panel.type('#dial-target', 'alice');
    await panel.keyboard.press('Enter');
    await alice.evaluate(() => window.peer.waitForIncoming(10_000));
    await alice.evaluate(() => window.peer.answer());
    await panel.waitForSelector('[data-call-status="Active"]', POLL);

    // The bar under the call console: ↑ makes it shorter, step by step, down to its least height; ↓ taller.
    await panel.focus('[data-testid="resize-calls"]');
    for (let step = 0; step < 30; step += 1) await panel.keyboard.press('ArrowUp');
    await panel.waitForFunction(
      () => document.querySelector<HTMLElement>('#pane-calls-body')?.style.height === '60px',
      POLL,
    );
    for (let step = 0; step < 6; step += 1) await panel.keyboard.press('ArrowDown');
    await panel.waitForFunction(
      () => document.querySelector<HTMLElement>('#pane-calls-body')?.style.height === '204px',
      POLL,
    );
    // The bar says the height as laid out, to a screen reader on it.
    await panel.waitForSelector('[data-testid="resize-calls"][aria-valuenow="204"]', POLL);

    // A call rings while the list is scrolled to its end: the ringing card is pinned in the pane's view.
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.$eval('#pane-calls-body', (body) => body.scrollTo(0, body.scrollHeight));
    const inView = await panel.$eval('#pane-calls-body', (body) => {
      const card = body.querySelector('[data-call-status="Alerting"]');
      const view = body.getBoundingClientRect();
      const box = card?.getBoundingClientRect();
      return { scrolled: body.scrollTop, viewTop: view.top, viewBottom: view.bottom, cardTop: box?.top };
    });
    expect(inView.scrolled).toBeGreaterThan(0);
    expect(inView.cardTop).toBeGreaterThanOrEqual(inView.viewTop - 1);
    expect(inView.cardTop).toBeLessThan(inView.viewBottom);
    await panel.click('[data-call-status="Alerting"] [data-action="hang-up"]');

    // Home: as tall as its content again.
    await panel.focus('[data-testid="resize-calls"]');
    await panel.keyboard.press('Home');
    await panel.waitForFunction(
      () => document.querySelector<HTMLElement>('#pane-calls-body')?.style.height === '',
      POLL,
    );
    expect(await bodyHeight()).toBe('');
    await panel.waitForFunction(
      () =>
        document.querySelector('[data-testid="resize-calls"]')?.getAttribute('aria-valuenow') ===
        String(Math.round(document.querySelector('#pane-calls-body')?.getBoundingClientRect().height ?? -1)),
      POLL,
    );
    await panel.click('[data-action="hang-up"]');
  });

  it('opens the console in a window of its own, laid out wide, brought forward rather than opened twice, and back where it was put', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const isConsoleWindow = (url: string) => url === env.session.url('sidepanel.html?window=1');
    const consoleWindows = () => env.session.browser.targets().filter((target) => isConsoleWindow(target.url()));

    await panel.click('[data-testid="open-window"]');
    const target = await env.session.browser.waitForTarget((candidate) => isConsoleWindow(candidate.url()), POLL);
    const windowPage = await target.asPage();
    // The window's own size, not the viewport puppeteer gives the pages it drives.
    await windowPage.setViewport(null);
    await windowPage.waitForSelector('[data-pane="contacts"]', POLL);
    // Its own window has no "open in a window" button; it is laid out wide: the contacts beside the call console and
    // the queued calls below it.
    expect(await windowPage.$('[data-testid="open-window"]')).toBeNull();
    const boxes: Record<string, { left: number; top: number } | undefined> = await windowPage.$$eval(
      '[data-pane]',
      (panes) =>
        Object.fromEntries(
          panes.map((pane) => {
            const box = pane.getBoundingClientRect();
            return [pane.getAttribute('data-pane') ?? '', { left: box.left, top: box.top }];
          }),
        ),
    );
    expect(boxes['contacts']?.left).toBeGreaterThan((boxes['calls']?.left ?? 0) + 300);
    expect(boxes['queues']?.left).toBe(boxes['calls']?.left);
    expect(boxes['queues']?.top).toBeGreaterThan(boxes['calls']?.top ?? 0);

    // Asked again while it is open: the same window, brought forward.
    await panel.click('[data-testid="open-window"]');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(consoleWindows()).toHaveLength(1);

    // Put elsewhere and resized, then closed: the next one opens at that size.
    const cdp = await windowPage.createCDPSession();
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 60, top: 40, width: 1000, height: 700 } });
    await panel.waitForFunction(async () => {
      const stored = await chrome.storage.local.get('consoleWindow.bounds');
      const bounds = stored['consoleWindow.bounds'] as { width?: number } | undefined;
      return bounds?.width === 1000;
    }, POLL);
    await windowPage.close();
    await panel.click('[data-testid="open-window"]');
    const reopened = await (
      await env.session.browser.waitForTarget((candidate) => isConsoleWindow(candidate.url()), POLL)
    ).asPage();
    await reopened.setViewport(null);
    await reopened.waitForSelector('[data-pane="contacts"]', POLL);
    expect(await reopened.evaluate(() => ({ width: window.outerWidth, height: window.outerHeight }))).toEqual({
      width: 1000,
      height: 700,
    });
    await env.session.screenshot(reopened, 'console-window-en');
    await reopened.close();
  });
});
