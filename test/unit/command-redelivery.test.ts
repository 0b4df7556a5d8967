import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandContract } from '../../src/shared/protocol/command-contract.ts';
import { createLogger } from '../../src/shared/log.ts';

/**
 * A runtime of two contexts: each message reaches the listeners (the receiver's `serveCommands`), and the next
 * `answersToLose` replies are lost after the receiver took the command, as when Chrome stops the service worker
 * between a command's arrival and its answer.
 */
const runtime = vi.hoisted(() => {
  type Listener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;
  const listeners: Listener[] = [];
  const state = { answersToLose: 0, deliveries: 0 };
  return {
    state,
    listeners,
    api: {
      id: 'switchboard',
      getURL: (path: string) => `chrome-extension://switchboard/${path}`,
      onMessage: {
        addListener: (listener: Listener) => listeners.push(listener),
        removeListener: (listener: Listener) => listeners.splice(listeners.indexOf(listener), 1),
      },
      sendMessage: async (message: unknown) => {
        state.deliveries++;
        const sender = { id: 'switchboard', url: 'chrome-extension://switchboard/background.js' };
        const replies = listeners.map((listener) => listener(structuredClone(message), sender));
        const reply = await replies.find((each) => each !== undefined);
        if (state.answersToLose > 0) {
          state.answersToLose--;
          throw new Error('The message port closed before a response was received.');
        }
        return reply;
      },
    },
  };
});
vi.mock('../../src/platform/browser.ts', () => ({ browser: { runtime: runtime.api } }));

const { sendCommand, serveCommands } = await import('../../src/shared/protocol/messenger.ts');

const Contract = {
  'engine/dial': { req: v.object({ target: v.string() }), res: v.object({ callId: v.string() }), redeliverable: true },
  'engine/logout': { req: v.object({}), res: v.void() },
} satisfies CommandContract;

describe('a command whose answer was lost', () => {
  let dialled: string[];
  let loggedOut: number;
  beforeEach(() => {
    runtime.listeners.splice(0);
    runtime.state.deliveries = 0;
    dialled = [];
    loggedOut = 0;
    serveCommands({
      target: 'engine',
      contract: Contract,
      log: createLogger('redelivery-test'),
      isAllowed: () => true,
      isDoneOncePerRequest: true,
      handlers: {
        'engine/dial': ({ target }) => {
          dialled.push(target);
          return { callId: `call-${dialled.length}` };
        },
        'engine/logout': () => {
          loggedOut++;
        },
      },
    });
  });

  it('is delivered again under its id when redeliverable, and done once: the sender gets what it did', async () => {
    runtime.state.answersToLose = 2;
    const result = await sendCommand('engine', Contract, 'engine/dial', { target: 'alice' });
    expect(result).toEqual({ ok: true, value: { callId: 'call-1' } });
    expect(runtime.state.deliveries).toBe(3);
    expect(dialled).toEqual(['alice']);
  });

  it('relayed with the id it came with, is done once for both deliveries', async () => {
    const first = await sendCommand('engine', Contract, 'engine/dial', { target: 'bob' }, 'console-request-1');
    const again = await sendCommand('engine', Contract, 'engine/dial', { target: 'bob' }, 'console-request-1');
    const other = await sendCommand('engine', Contract, 'engine/dial', { target: 'bob' }, 'console-request-2');
    expect([first, again, other]).toEqual([
      { ok: true, value: { callId: 'call-1' } },
      { ok: true, value: { callId: 'call-1' } },
      { ok: true, value: { callId: 'call-2' } },
    ]);
    expect(dialled).toEqual(['bob', 'bob']);
  });

  it('is not sent again when not redeliverable: the sender is told the answer was lost', async () => {
    runtime.state.answersToLose = 1;
    const result = await sendCommand('engine', Contract, 'engine/logout', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', messageKey: 'error_answer_lost' } });
    expect(runtime.state.deliveries).toBe(1);
    expect(loggedOut).toBe(1);
  });
});
