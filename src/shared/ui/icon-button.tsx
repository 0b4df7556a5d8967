import type { ButtonHTMLAttributes } from 'preact';
import { Icon, type IconName } from './icons.tsx';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'icon' | 'label' | 'class'> {
  icon: IconName;
  /** The button's words: its accessible name and its tooltip. */
  label: string;
  /** A count shown over the icon's corner (missed calls); 0 shows none. */
  badge?: number;
  /** The badge's words for a screen reader ("3 missed calls"). */
  badgeLabel?: string;
  badgeTestId?: string;
  class?: string;
  testId?: string;
}

/**
 * A square button that shows only a drawn icon (issue #12): the label is its accessible name and its tooltip, on
 * hover (the browser's) and on keyboard focus (ours, as the browser shows none there).
 */
export function IconButton({
  icon,
  label,
  badge = 0,
  badgeLabel,
  badgeTestId,
  class: className = '',
  testId,
  ...rest
}: IconButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      class={`icon-button ${className}`}
      aria-label={badge > 0 && badgeLabel !== undefined ? `${label}, ${badgeLabel}` : label}
      title={label}
      data-tooltip={label}
      data-testid={testId}
    >
      <Icon name={icon} />
      {badge > 0 && (
        <span class="badge" aria-hidden="true" data-testid={badgeTestId}>
          {badge > 99 ? '99+' : badge}
        </span>
      )}
    </button>
  );
}
