import type { ComponentChildren } from 'preact';

export interface TabDefinition<Id extends string> {
  readonly id: Id;
  readonly label: string;
}

/**
 * A tab list and the panel of the selected tab, as the WAI-ARIA tabs pattern has it: one tab in the Tab order,
 * Left/Right (and Home/End) move and select. Tab `x` has the element id `${idPrefix}-tab-x`; its panel
 * `${idPrefix}-panel-x`.
 */
export function Tabs<Id extends string>({
  label,
  idPrefix,
  tabs,
  selected,
  onSelect,
  variant = 'normal',
  children,
}: {
  label: string;
  idPrefix: string;
  tabs: readonly TabDefinition<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  /** `compact`: smaller tabs, for a pane; both wrap onto a second row rather than hide a tab. */
  variant?: 'normal' | 'compact';
  children: ComponentChildren;
}) {
  const onKey = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index + tabs.length - 1) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    const next = target === null ? undefined : tabs[target];
    if (next === undefined) return;
    event.preventDefault();
    onSelect(next.id);
    const element = document.getElementById(`${idPrefix}-tab-${next.id}`);
    element?.focus();
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  return (
    <>
      <div
        role="tablist"
        class={variant === 'compact' ? 'tabs tabs--compact' : 'tabs'}
        aria-label={label}
        onKeyDown={onKey}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${idPrefix}-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <section id={`${idPrefix}-panel-${selected}`} role="tabpanel" aria-labelledby={`${idPrefix}-tab-${selected}`}>
        {children}
      </section>
    </>
  );
}
