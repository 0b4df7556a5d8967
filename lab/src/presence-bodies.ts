import type { TrackedDialog } from './dialog-tracker.ts';

/** The XML of a dialog event NOTIFY (RFC 4235 §4): every dialog of the user, full state. */
export function dialogInfoXml(
  entity: string,
  version: number,
  dialogs: readonly { dialog: TrackedDialog; direction: 'initiator' | 'recipient'; remote: string }[],
  domain: string,
): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="${escapeXml(entity)}">`,
  ];
  for (const { dialog, direction, remote } of dialogs) {
    lines.push(
      `  <dialog id="${escapeXml(dialog.callId)}" call-id="${escapeXml(dialog.callId)}" direction="${direction}">`,
      `    <state>${dialog.state}</state>`,
      `    <remote><identity>${escapeXml(`sip:${remote}@${domain}`)}</identity></remote>`,
      '  </dialog>',
    );
  }
  lines.push('</dialog-info>', '');
  return lines.join('\r\n');
}

/** The body of a message-summary NOTIFY (RFC 3842 §5.2). */
export function messageSummary(account: string, newMessages: number, oldMessages: number): string {
  return [
    `Messages-Waiting: ${newMessages > 0 ? 'yes' : 'no'}`,
    `Message-Account: ${account}`,
    `Voice-Message: ${newMessages}/${oldMessages} (0/0)`,
    '',
  ].join('\r\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
