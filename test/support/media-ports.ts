/**
 * UDP port ranges for the media of the relays and phones a test starts, below the kernel's ephemeral range (Linux:
 * 32768–60999). A browser's WebRTC sockets and every `freePort()` come from that range, so a phone's RTP range picked
 * there could hold a port already taken, and the relay's range was there too (30000–49999): a linphone call once had
 * no sound ("Could not bind RTP socket … Address already in use"). Each vitest worker (`VITEST_POOL_ID`; the files
 * that start phones run one at a time) has its own part of the pool, handed out a range after another and round
 * again when used up (the servers of an earlier file are gone by then).
 */
const POOL_START = 10_000;
const POOL_END = 32_000;
const PARTS = 4;
const PART_SIZE = Math.floor((POOL_END - POOL_START) / PARTS);

const part = Number(process.env['VITEST_POOL_ID'] ?? 0) % PARTS;
const partStart = POOL_START + part * PART_SIZE;
let next = partStart;

/** The first of `count` consecutive ports of this worker's part, none handed out before in this round. */
export function mediaPortRange(count: number): number {
  if (count > PART_SIZE) throw new Error(`no room for ${count} media ports (a worker has ${PART_SIZE})`);
  if (next + count > partStart + PART_SIZE) next = partStart;
  const first = next;
  next += count;
  return first;
}

/** How wide a phone's RTP range is: linphone and baresip pick a port pair in it for each call. */
export const PHONE_MEDIA_PORTS = 100;
