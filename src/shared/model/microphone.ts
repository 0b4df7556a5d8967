import * as v from 'valibot';

/**
 * Why the phone engine could not open the microphone for a call: no audio input (or the chosen one is gone), the
 * permission refused, or a device that is there but cannot be read (another program holds it).
 */
export const MicrophoneProblemSchema = v.picklist(['missing', 'blocked', 'unreadable']);
export type MicrophoneProblem = v.InferOutput<typeof MicrophoneProblemSchema>;
