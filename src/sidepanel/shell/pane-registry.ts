import type { ComponentType } from 'preact';
import type { ConsoleState } from './console-state.ts';
import type { PaneId } from '../../shared/model/workspace.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import type { IconName } from '../../shared/ui/icons.tsx';
import { CallsBody, CallsTools } from '../calls/calls-pane.tsx';
import { QueuesBody, QueuesTools } from '../queues/queues-pane.tsx';
import { ContactsBody } from '../contacts/contacts-pane.tsx';

export interface PaneProps {
  readonly state: ConsoleState;
}

/** One region of the console below the information pane: its title, its header tools and its body. */
export interface PaneDefinition {
  readonly title: MessageKey;
  readonly icon: IconName;
  readonly testId: string;
  /** Icon buttons in the pane's header, shown while it is unfolded (the pane's menu holds the rest). */
  readonly Tools?: ComponentType<PaneProps>;
  readonly Body: ComponentType<PaneProps>;
}

/**
 * The console's regions, declared once (issue #12): the workspace orders, folds and sizes them; a new pane (the
 * contacts and queues issues) is one entry here and one feature folder, and a missing entry fails to compile.
 */
export const PANES = {
  calls: { title: 'call_console', icon: 'answer', testId: 'call-console', Tools: CallsTools, Body: CallsBody },
  queues: { title: 'queued_calls', icon: 'queue', testId: 'queued-calls', Tools: QueuesTools, Body: QueuesBody },
  contacts: { title: 'contacts', icon: 'contacts', testId: 'contacts', Body: ContactsBody },
} as const satisfies Record<PaneId, PaneDefinition>;
