import type { DirectoryId } from '../../shared/model/contact.ts';
import { command } from '../../shared/ui/command-client.ts';
import { toVCard } from '../../shared/contacts/to-vcard.ts';

/** Saves a directory kept here as a .vcf file, read from the database a page at a time. */
export async function exportVCards(directoryId: DirectoryId): Promise<void> {
  const cards: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await command('contacts/list', { directoryId, offset, limit: 500 });
    if (!page.ok) return;
    cards.push(...page.value.contacts.map(toVCard));
    if (page.value.contacts.length < 500) break;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([cards.join('\r\n') + '\r\n'], { type: 'text/vcard' }));
  link.download = `${directoryId}.vcf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
