import { Icon } from './icons.tsx';
import { VISUAL_STATE_ICON, type VisualState } from './visual-state.ts';

/** A state as a lamp shows it: colour, icon and words together, so colour never speaks alone. */
export function StateBadge({ state, text, testId }: { state: VisualState; text: string; testId?: string }) {
  return (
    <span class="state-badge" data-visual-state={state} data-testid={testId}>
      <Icon name={VISUAL_STATE_ICON[state]} />
      <span>{text}</span>
    </span>
  );
}
