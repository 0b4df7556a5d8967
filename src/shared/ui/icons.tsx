/**
 * The extension's own drawn icons (24-unit SVG in `currentColor`), so nothing depends on an emoji font the machine may
 * not have (issue #10.6) and every view speaks the same visual language (issue #12). An icon is decoration: whoever
 * shows it gives the words — a label beside it, or the accessible name and tooltip of an icon button.
 */
export type IconName =
  | 'answer'
  | 'hang-up'
  | 'hold'
  | 'resume'
  | 'mute'
  | 'unmute'
  | 'transfer'
  | 'park'
  | 'conference'
  | 'keypad'
  | 'do-not-disturb'
  | 'forward'
  | 'off-hook'
  | 'voicemail'
  | 'lamp'
  | 'offline'
  | 'settings'
  | 'help'
  | 'logout'
  | 'history'
  | 'trace'
  | 'redial'
  | 'auto-answer'
  | 'more'
  | 'close'
  | 'chevron-down'
  | 'chevron-right'
  | 'grip'
  | 'arrow-up'
  | 'back'
  | 'arrow-down'
  | 'open-window'
  | 'contacts'
  | 'queue'
  | 'bell'
  | 'warning'
  | 'error'
  | 'star'
  | 'star-outline'
  | 'plus'
  | 'import'
  | 'export'
  | 'search'
  | 'incoming'
  | 'outgoing'
  | 'pickup'
  | 'grid'
  | 'list';

/**
 * An icon: one element drawn with its shape as a CSS mask over the text's colour (`icons.css`, made from the shapes
 * of `icon-shapes.tsx` by `scripts/icon-styles.ts`). A console draws hundreds (a lamp each, every call's buttons): as SVG, each was
 * a tree of elements and attributes to build and style, three times the cost of one masked element (500 icons drawn:
 * 28–42 ms as SVG, 10–15 ms masked, in Chromium here).
 */
export function Icon({ name, class: className = '' }: { name: IconName; class?: string }) {
  return <span class={`icon ${className}`} aria-hidden="true" data-icon={name} />;
}
