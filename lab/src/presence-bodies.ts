import type { DialogSide, UserDialog } from './dialog-tracker.ts';

/**
 * The XML of a dialog event NOTIFY (RFC 4235 §4): every dialog of the user, full state, with what busy lamps and
 * pickup need — call-id, both tags (`local-tag` is the user's own), each side's identity and Contact (`target`), and
 * `+sip.rendering=no` on the user's target while they hold the call (§4.1.6.2).
 */
export function dialogInfoXml(entity: string, version: number, dialogs: readonly UserDialog[], domain: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="${escapeXml(entity)}">`,
  ];
  for (const { dialog, direction, local, remote } of dialogs) {
    const tags = [
      local.tag === null ? '' : ` local-tag="${escapeXml(local.tag)}"`,
      remote.tag === null ? '' : ` remote-tag="${escapeXml(remote.tag)}"`,
    ].join('');
    lines.push(
      `  <dialog id="${escapeXml(dialog.callId)}" call-id="${escapeXml(dialog.callId)}"${tags} direction="${direction}">`,
      `    <state>${dialog.state}</state>`,
      `    <local>${sideXml(local, domain)}</local>`,
      `    <remote>${sideXml(remote, domain)}</remote>`,
      '  </dialog>',
    );
  }
  lines.push('</dialog-info>', '');
  return lines.join('\r\n');
}

function sideXml(side: DialogSide, domain: string): string {
  const display = side.displayName === null ? '' : ` display="${escapeXml(side.displayName)}"`;
  const identity = `<identity${display}>${escapeXml(`sip:${side.user}@${domain}`)}</identity>`;
  if (side.contact === null) return identity;
  const rendering = side.isHolding ? '<param pname="+sip.rendering" pvalue="no"/>' : '';
  return `${identity}<target uri="${escapeXml(side.contact)}">${rendering}</target>`;
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
