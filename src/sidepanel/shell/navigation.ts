import { signal } from '@preact/signals';

/** Which page of the side panel is shown; the console is the main page, settings is a page over it. */
export type SidePanelPage = 'console' | 'settings';
export const currentPage = signal<SidePanelPage>('console');
