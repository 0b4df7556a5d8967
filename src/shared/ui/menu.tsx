import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon, type IconName } from './icons.tsx';
import { IconButton } from './icon-button.tsx';

/** One entry of a menu: an action, an on/off setting, or a line between groups. */
export type MenuEntry =
  | {
      kind: 'action';
      label: string;
      icon?: IconName;
      onSelect: () => void;
      isDisabled?: boolean;
      testId?: string;
      /** The action's name on the element (`data-action`), as call actions have it. */
      action?: string;
    }
  | { kind: 'check'; label: string; isChecked: boolean; onSelect: () => void; testId?: string }
  | { kind: 'separator' };

/**
 * A button that opens a list of actions (the overflow "more" of a pane's header, the redial list), as the WAI-ARIA
 * menu button pattern has it: Enter, Space or ArrowDown opens it on the first entry, arrows move, Home and End jump,
 * Escape closes it and gives the focus back, Tab or a click elsewhere closes it.
 */
export function MenuButton({
  icon,
  label,
  entries,
  testId,
  isDisabled = false,
}: {
  icon: IconName;
  label: string;
  entries: readonly MenuEntry[];
  testId?: string;
  isDisabled?: boolean;
}) {
  const [isOpen, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => Array.from(root.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]') ?? []);
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) root.current?.querySelector<HTMLButtonElement>('.icon-button')?.focus();
  };

  // Focus lands on the first entry as the menu opens, so the arrows work at once.
  useLayoutEffect(() => {
    if (isOpen) items()[0]?.focus();
  }, [isOpen]);
  // A click anywhere else closes it.
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || root.current?.contains(event.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const onMenuKey = (event: KeyboardEvent) => {
    const list = items().filter((item) => !item.disabled);
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      // The menu's own Escape: the pane or call around it keeps its state.
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <div class="menu" ref={root}>
      <IconButton
        icon={icon}
        label={label}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        disabled={isDisabled}
        onClick={() => setOpen(!isOpen)}
        onKeyDown={(event: KeyboardEvent) => {
          if (event.key === 'ArrowDown' && !isOpen) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        testId={testId}
      />
      {isOpen && (
        <ul id={menuId} role="menu" aria-label={label} class="menu__list" onKeyDown={onMenuKey}>
          {entries.map((entry, index) =>
            entry.kind === 'separator' ? (
              <li key={`separator-${index}`} role="separator" />
            ) : (
              <li key={entry.label} role="none">
                <button
                  type="button"
                  role={entry.kind === 'check' ? 'menuitemcheckbox' : 'menuitem'}
                  aria-checked={entry.kind === 'check' ? entry.isChecked : undefined}
                  disabled={entry.kind === 'action' && entry.isDisabled === true}
                  tabIndex={-1}
                  data-testid={entry.testId}
                  data-action={entry.kind === 'action' ? entry.action : undefined}
                  onClick={() => {
                    close(true);
                    entry.onSelect();
                  }}
                >
                  {entry.kind === 'check' ? (
                    <span class="menu__check" aria-hidden="true">
                      {entry.isChecked ? '✓' : ''}
                    </span>
                  ) : entry.icon !== undefined ? (
                    <Icon name={entry.icon} />
                  ) : null}
                  {entry.label}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
