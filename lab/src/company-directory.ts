import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Office } from './office.ts';

/** Where the lab serves its company directory, beside the control API. */
export const DIRECTORY_PATH = '/directory.vcf';

/** A vCard text value: backslashes, commas, semicolons and line breaks escaped (RFC 6350 §3.4). */
function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');
}

/** The office's colleagues as a vCard 4.0 file: the company directory of `npm start`. */
export function companyVCards(office: Office): string {
  return office.colleagues
    .map((colleague) =>
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        `FN:${escape(colleague.name)}`,
        `ORG:${escape(office.domain)};${escape(colleague.department)}`,
        `TEL;TYPE=work:${colleague.user}`,
        `EMAIL:${colleague.user}@${office.domain}`,
        'END:VCARD',
      ].join('\r\n'),
    )
    .join('\r\n')
    .concat('\r\n');
}

/**
 * Serves the directory as a provisioned URL, open to any origin (CORS): the console, an extension, reads it from its
 * own origin.
 */
export function serveCompanyDirectory(office: Office, request: IncomingMessage, response: ServerResponse): void {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization' };
  if (request.method === 'OPTIONS') {
    response.writeHead(204, cors).end();
    return;
  }
  response.writeHead(200, { ...cors, 'Content-Type': 'text/vcard; charset=utf-8' }).end(companyVCards(office));
}
