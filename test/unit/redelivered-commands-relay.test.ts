import { describe, expect, it, vi } from 'vitest';
import type { BackgroundHandlerDeps } from '../../src/background/background-handlers.ts';
import { DEFAULT_PHONE_SETTINGS } from '../../src/shared/model/phone-settings.ts';
import { BackgroundCommands } from '../../src/shared/protocol/background-commands.ts';
import type { CommandContract, CommandSender } from '../../src/shared/protocol/command-contract.ts';

vi.mock('../../src/platform/browser.ts', async () => (await import('../support/fake-browser.ts')).fakePlatform());

const { createBackgroundHandlers } = await import('../../src/background/background-handlers.ts');

/** A request of each redeliverable command: a new one must be added here, and so relay its id too. */
const SAMPLES: Record<string, unknown> = {
  'call/dial': { target: '0123456789' },
  'call/action': { callId: 'call-1', action: 'hold' },
  'call/transfer': { callId: 'call-1', target: { kind: 'number', number: '201' } },
  'call/dtmf': { callId: 'call-1', digits: '12#' },
  'call/conference': { action: 'end' },
};

/**
 * A command the console sends again after a worker stop is done once only if the background hands its id to the
 * engine (`PhoneLine.send`'s `requestId`), which remembers the ids it carried out.
 */
describe('the redeliverable commands in the background', () => {
  it('relay the id they came with to the engine, each of them', async () => {
    const sent: { type: string; requestId: string | null | undefined }[] = [];
    const deps = {
      hub: { state: { registration: { status: 'Registered' }, phone: DEFAULT_PHONE_SETTINGS } },
      contacts: { resolveSpeedDial: (target: string) => target, handlers: () => ({}) },
      phone: {
        send: (type: string, _request: unknown, requestId?: string | null) => {
          sent.push({ type, requestId });
          return Promise.resolve(type === 'engine/dial' ? { callId: 'call-2' } : undefined);
        },
      },
    } as unknown as BackgroundHandlerDeps;
    const handlers = createBackgroundHandlers(deps) as unknown as Record<
      string,
      (request: unknown, sender: CommandSender) => Promise<unknown>
    >;
    const contract: CommandContract = BackgroundCommands;
    const redeliverable = Object.keys(contract).filter((type) => contract[type]?.redeliverable === true);
    expect(redeliverable.sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const type of redeliverable) {
      const sender: CommandSender = { kind: 'extension-page', tabId: null, url: '', requestId: `id-of-${type}` };
      await handlers[type]?.(SAMPLES[type], sender);
      expect(sent.at(-1)?.type).toMatch(/^engine\//);
      expect(sent.at(-1)?.requestId).toBe(`id-of-${type}`);
    }
  });
});
