import { Icon, type IconName } from './icons.tsx';

/** Nothing to show yet, said in words beside a quiet icon — never an empty box. */
export function EmptyState({ icon, text, testId }: { icon: IconName; text: string; testId?: string }) {
  return (
    <div class="empty-state" data-testid={testId}>
      <Icon name={icon} />
      <p>{text}</p>
    </div>
  );
}
