/**
 * The little of WAVE (RIFF, 16-bit PCM) the phone tests need: a tone a phone plays as its microphone, and the loudness
 * of the end of a recording a phone is still writing (its header's sizes may not be filled in yet).
 */
import { readFile, writeFile } from 'node:fs/promises';

const HEADER_BYTES = 44;

export async function writeToneFile(
  path: string,
  frequencyHz: number,
  seconds: number,
  sampleRate = 8000,
): Promise<void> {
  const samples = Math.round(seconds * sampleRate);
  const file = Buffer.alloc(HEADER_BYTES + samples * 2);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + samples * 2, 4);
  file.write('WAVEfmt ', 8, 'ascii');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(sampleRate, 24);
  file.writeUInt32LE(sampleRate * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(samples * 2, 40);
  for (let index = 0; index < samples; index++) {
    const value = Math.sin((2 * Math.PI * frequencyHz * index) / sampleRate) * 0.4 * 0x7fff;
    file.writeInt16LE(Math.round(value), HEADER_BYTES + index * 2);
  }
  await writeFile(path, file);
}

/**
 * RMS (0 to 1) of the last `seconds` of a 16-bit PCM recording, read from what is on disk now, and of nothing before
 * `fromByte` (a recorder that appends each call to one file: only the current call's sound counts); 0 if nothing yet.
 * A recorder that writes its header only when it closes the file (linphone's) leaves 44 zero bytes there meanwhile:
 * then the format is taken to be `unwrittenHeaderRate` Hz, mono.
 */
export async function loudnessOfEnd(
  path: string,
  { seconds = 1, fromByte = 0, unwrittenHeaderRate = 8000 } = {},
): Promise<number> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return 0;
  }
  if (file.length <= HEADER_BYTES) return 0;
  const headerWritten = file.toString('ascii', 0, 4) === 'RIFF';
  const sampleRate = headerWritten ? file.readUInt32LE(24) : unwrittenHeaderRate;
  const channels = headerWritten ? file.readUInt16LE(22) : 1;
  const dataStart = headerWritten ? dataOffset(file) : HEADER_BYTES;
  const wanted = Math.round(seconds * sampleRate * channels) * 2;
  const firstWanted = Math.max(dataStart, fromByte, file.length - wanted);
  const start = firstWanted + ((firstWanted - dataStart) % 2);
  let sumOfSquares = 0;
  let count = 0;
  for (let offset = start; offset + 1 < file.length; offset += 2) {
    const sample = file.readInt16LE(offset) / 0x8000;
    sumOfSquares += sample * sample;
    count++;
  }
  return count === 0 ? 0 : Math.sqrt(sumOfSquares / count);
}

/** Where the samples start: after the `data` chunk's header (recorders may put other chunks before it). */
function dataOffset(file: Buffer): number {
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    if (id === 'data') return offset + 8;
    offset += 8 + file.readUInt32LE(offset + 4);
  }
  return HEADER_BYTES;
}
