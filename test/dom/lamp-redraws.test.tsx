import { signal } from '@preact/signals';
import { options, render, type VNode } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../../src/shared/model/call.ts';
import type { Contact } from '../../src/shared/model/contact.ts';
import type { Lamp } from '../../src/shared/model/lamp.ts';
import { installExtensionApiStub } from '../support/extension-api-stub.ts';

installExtensionApiStub();
const { ContactRow } = await import('../../src/sidepanel/contacts/contact-row.tsx');
const { LampBadge } = await import('../../src/sidepanel/lamps/lamp-badge.tsx');
const { WatchedLampsContext } = await import('../../src/sidepanel/lamps/line-lamps.ts');

/**
 * How much of the side panel a lamp change draws again (issue #14: a burst of 200 NOTIFYs): the elements each render
 * creates are counted by their class, through preact's own hook for every element made.
 */
const created = new Map<string, number>();
const previousVNodeHook = options.vnode?.bind(options);

beforeEach(() => {
  created.clear();
  options.vnode = (vnode: VNode) => {
    const className = (vnode.props as { class?: unknown }).class;
    if (typeof className === 'string') created.set(className, (created.get(className) ?? 0) + 1);
    previousVNodeHook?.(vnode);
  };
});

afterEach(() => {
  options.vnode = previousVNodeHook;
  vi.useRealTimers();
});

const drawn = () => new Promise((resolve) => setTimeout(resolve, 0));

function colleague(extension: string): Contact {
  return {
    id: `c-${extension}`,
    directoryId: 'personal',
    name: `Colleague ${extension}`,
    company: 'Office',
    department: '',
    title: '',
    location: '',
    notes: '',
    phones: [{ type: 'extension', number: extension }],
    emails: [],
  };
}

function lamp(id: string, state: Lamp['state'], since: number | null = null): Lamp {
  return {
    id,
    state,
    peer: state === 'idle' ? null : 'sip:caller@lab',
    since,
    pickup: null,
    problem: null,
    service: null,
  };
}

describe('a lamp change in the side panel', () => {
  it('draws that lamp and its Pick up again, not its row nor the other rows, while the list is drawn again', async () => {
    const contacts = ['201', '202', '203'].map(colleague);
    const lamps = signal<readonly Lamp[]>(contacts.map((each) => lamp(each.phones[0]?.number ?? '', 'idle')));
    const watched = { lamps, peerNames: signal({}) };
    const noop = () => undefined;
    const calls: readonly Call[] = [];
    // As the console does: the list is drawn again at every change of the state, its rows with the same props.
    function List() {
      void lamps.value;
      return (
        <ul>
          {contacts.map((contact) => (
            <ContactRow
              key={contact.id}
              contact={contact}
              isExpanded={false}
              isFavorite
              calls={calls}
              onToggle={noop}
            />
          ))}
        </ul>
      );
    }
    const root = document.createElement('div');
    document.body.append(root);
    render(
      <WatchedLampsContext.Provider value={watched}>
        <List />
      </WatchedLampsContext.Provider>,
      root,
    );
    await drawn();
    expect(created.get('contact__name')).toBe(3);
    expect(created.get('lamp')).toBe(3);
    created.clear();

    lamps.value = lamps.value.map((each) => (each.id === '202' ? lamp('202', 'ringing', Date.now()) : each));
    await drawn();

    const states = [...root.querySelectorAll('[data-testid="lamp"]')].map((each) =>
      each.getAttribute('data-lamp-state'),
    );
    expect(states).toEqual(['idle', 'ringing', 'idle']);
    const ringingRow = root.querySelector('[data-contact-id="c-202"]');
    expect(ringingRow?.querySelector('[data-action="contact-pick-up"]')).not.toBeNull();
    expect(root.querySelectorAll('[data-action="contact-pick-up"]')).toHaveLength(1);
    expect(created.get('contact__name') ?? 0).toBe(0);
    expect(created.get('lamp')).toBe(1);
    render(null, root);
    root.remove();
  });

  it("ticks a talking lamp's timer each second without drawing the badge again", async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    const root = document.createElement('div');
    document.body.append(root);
    render(<LampBadge lamp={lamp('201', 'talking', Date.now() - 5_000)} />, root);
    await vi.advanceTimersByTimeAsync(0);
    const timer = root.querySelector('time');
    expect(timer?.textContent).toBe('0:05');
    created.clear();

    await vi.advanceTimersByTimeAsync(3_000);

    expect(timer?.textContent).toBe('0:08');
    expect(timer?.getAttribute('datetime')).toBe('PT8S');
    expect(created.get('lamp') ?? 0).toBe(0);
    render(null, root);
    root.remove();
  });
});
