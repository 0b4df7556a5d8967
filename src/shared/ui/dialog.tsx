import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A modal dialog: the focus starts on its first button (or the element marked `data-autofocus`), Tab stays inside,
 * Escape cancels wherever the focus is. `alertdialog` for a question that interrupts (logout's "save the workspace?").
 */
export function Dialog({
  title,
  description,
  role = 'dialog',
  onCancel,
  testId,
  children,
}: {
  title: string;
  description?: string;
  role?: 'dialog' | 'alertdialog';
  onCancel: () => void;
  testId?: string;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // At once after rendering (not after the next frame): a key pressed right away must find the dialog ready.
  useLayoutEffect(() => {
    const element = dialog.current;
    (element?.querySelector<HTMLElement>('[data-autofocus]') ?? element?.querySelector<HTMLElement>('button'))?.focus();
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onCancel();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [onCancel]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const focusable = Array.from(
      dialog.current?.querySelectorAll<HTMLElement>('button:not(:disabled), input, select, textarea') ?? [],
    );
    const index = focusable.indexOf(document.activeElement as HTMLElement);
    const next = focusable[(index + (event.shiftKey ? focusable.length - 1 : 1)) % focusable.length];
    if (next === undefined) return;
    event.preventDefault();
    next.focus();
  };
  return (
    <div class="dialog-backdrop">
      <div
        ref={dialog}
        class="dialog"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description === undefined ? undefined : descriptionId}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <h2 id={titleId}>{title}</h2>
        {description !== undefined && <p id={descriptionId}>{description}</p>}
        {children}
      </div>
    </div>
  );
}
