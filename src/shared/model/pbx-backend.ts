import * as v from 'valibot';

/**
 * Which services backend the console talks to and how it fares: plain SIP (the console acts itself, or dials the
 * PBX's feature codes) or BroadWorks XSI; `status` says whether the last exchange with the server worked, and
 * `problem` (a message key, with the server's own words in `detail`) why not.
 */
export const PbxBackendStateSchema = v.object({
  backend: v.picklist(['sip', 'xsi']),
  status: v.picklist(['unknown', 'ok', 'failing']),
  problem: v.nullable(v.pipe(v.string(), v.maxLength(64))),
  detail: v.nullable(v.pipe(v.string(), v.maxLength(256))),
});
export type PbxBackendState = v.InferOutput<typeof PbxBackendStateSchema>;

export const PLAIN_SIP_BACKEND: PbxBackendState = { backend: 'sip', status: 'ok', problem: null, detail: null };
