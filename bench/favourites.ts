import type { Page } from 'puppeteer-core';
import { sendToBackground } from '../test/support/console-page.ts';

/** The extension a benchmark's `index`th watched colleague has (nobody registers it: its lamp shows idle). */
export const lampLine = (index: number) => `lamp${String(index).padStart(4, '0')}`;

/** Saves `count` colleagues in the Personal directory and stars each, as the receptionist would: their lamps light. */
export async function addFavourites(panel: Page, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const saved = (await sendToBackground(panel, 'contacts/save', {
      directoryId: 'personal',
      id: null,
      fields: {
        name: `Colleague ${index}`,
        company: '',
        department: '',
        title: '',
        location: '',
        notes: '',
        phones: [{ type: 'extension', number: lampLine(index) }],
        emails: [],
      },
    })) as { value: { id: string } };
    await sendToBackground(panel, 'contacts/set-favorite', { id: saved.value.id, isFavorite: true });
  }
}
