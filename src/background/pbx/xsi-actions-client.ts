import { basicAuthorization } from '../../shared/http/basic-authorization.ts';
import type { AccountSettings } from '../../shared/model/account.ts';
import type { PbxBackendState } from '../../shared/model/pbx-backend.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';
import { parseErrorInfo, XsiDocumentError } from '../../shared/xsi/xsi-documents.ts';
import { xsiProblemOfStatus } from '../../shared/xsi/xsi-problems.ts';

/** XSI-Actions under an Xtended Services Platform's root (BroadWorks XSI specification §3.5.1). */
const ACTIONS_PATH = '/com.broadsoft.xsi-actions/v2.0';
const REQUEST_TIMEOUT_MS = 10_000;

export interface XsiActionsClientOptions {
  readonly account: () => AccountSettings | null;
  /** The password typed this browser session (XSI has no digest: "remember me" alone is not enough). */
  readonly password: () => Promise<string | null>;
  /** Told how each exchange went, for the console to show the backend's health. */
  readonly onHealth: (state: PbxBackendState) => void;
  readonly fetch?: typeof fetch;
}

/**
 * One XSI-Actions request as the user (HTTP Basic with their SIP address and password, §3.2.2), with a time limit,
 * and a failure that says why — wrong credentials, not allowed, not found, the server's refusal in its own words
 * (`<ErrorInfo>`), unreachable, too slow — as a `CommandError` the console shows. The backend's health follows each
 * exchange.
 */
export class XsiActionsClient {
  constructor(private readonly options: XsiActionsClientOptions) {}

  /** The user's id and Basic authorization, or the reason XSI cannot be used now. */
  async credentials(): Promise<{ xsiUrl: string; userId: string; authorization: string }> {
    const account = this.options.account();
    const password = await this.options.password();
    if (account === null || account.xsiUrl === '') throw this.fail('error_xsi_not_configured', null);
    if (password === null) throw this.fail('error_xsi_needs_password', null);
    return {
      xsiUrl: account.xsiUrl,
      userId: account.sipAddress,
      authorization: basicAuthorization(account.sipAddress, password),
    };
  }

  /** `path` under `/v2.0` (`/user/<id>/services/DoNotDisturb`); `{user}` stands for the user's id. */
  async request(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: string): Promise<string> {
    const { xsiUrl, userId, authorization } = await this.credentials();
    const url = `${xsiUrl}${ACTIONS_PATH}${path.replace('{user}', encodeURIComponent(userId))}`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          Authorization: authorization,
          ...(body === undefined ? {} : { 'Content-Type': 'application/xml; charset=UTF-8' }),
        },
        ...(body === undefined ? {} : { body }),
        credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const isTimeout = error instanceof DOMException && error.name === 'TimeoutError';
      throw this.fail(isTimeout ? 'error_xsi_timeout' : 'error_xsi_unreachable', null);
    }
    const text = await response.text();
    if (!response.ok) {
      const info = parseErrorInfo(text);
      throw this.fail(
        xsiProblemOfStatus(response.status),
        info?.summary ?? `${response.status} ${response.statusText}`.trim(),
      );
    }
    this.options.onHealth({ backend: 'xsi', status: 'ok', problem: null, detail: null });
    return text;
  }

  /** Reads an answer; a document the console cannot read is the server's fault, said as such. */
  read<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      const detail = error instanceof XsiDocumentError ? error.message : String(error);
      throw this.fail('error_xsi_malformed', detail);
    }
  }

  fail(problem: string, detail: string | null): CommandError {
    this.options.onHealth({ backend: 'xsi', status: 'failing', problem, detail });
    return new CommandError({ code: 'failed', messageKey: problem, ...(detail === null ? {} : { detail }) });
  }
}
