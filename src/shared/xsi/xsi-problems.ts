/** Why an XSI request failed, by HTTP status, as the console says it (a message key). */
const PROBLEM_OF_STATUS: Record<number, string> = {
  400: 'error_xsi_refused',
  401: 'error_xsi_unauthorized',
  403: 'error_xsi_forbidden',
  404: 'error_xsi_not_found',
};

export function xsiProblemOfStatus(status: number): string {
  return PROBLEM_OF_STATUS[status] ?? 'error_xsi_server';
}
