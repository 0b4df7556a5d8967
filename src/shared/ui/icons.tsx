import type { JSX } from 'preact';

/**
 * The extension's own drawn icons (24-unit SVG, `currentColor`), so nothing depends on an emoji font the machine may
 * not have (issue #10.6). An icon is decoration: whoever shows it gives the accessible name and the tooltip.
 */
export type IconName = 'do-not-disturb' | 'forward' | 'off-hook' | 'voicemail';

const PATHS: Record<IconName, JSX.Element> = {
  // A no-entry sign: a disc with a bar across.
  'do-not-disturb': (
    <>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <rect x="6" y="10.5" width="12" height="3" rx="1" fill="var(--icon-knockout, #fff)" />
    </>
  ),
  // An arrow turning away: the call goes elsewhere.
  forward: (
    <path
      d="M4 18v-4a6 6 0 0 1 6-6h8M14 4l4 4-4 4"
      fill="none"
      stroke="currentColor"
      stroke-width="2.4"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  ),
  // The guide's red bean: the line is off-hook (on a call).
  'off-hook': <ellipse cx="12" cy="12" rx="9" ry="6" fill="currentColor" />,
  // An envelope.
  voicemail: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M4 7l8 6 8-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
    </>
  ),
};

export function Icon({ name, class: className = '' }: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon ${className}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      {PATHS[name]}
    </svg>
  );
}
