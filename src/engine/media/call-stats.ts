import type { CallStats } from '../../shared/model/call.ts';

interface RtpReport {
  type: string;
  kind?: string;
  bytesSent?: number;
  bytesReceived?: number;
  packetsLost?: number;
  jitter?: number;
  totalAudioEnergy?: number;
}

/** Sums the audio RTP figures of a peer connection's stats report (W3C webrtc-stats). */
export function readCallStats(report: RTCStatsReport): CallStats {
  const stats: CallStats = { bytesSent: 0, bytesReceived: 0, packetsLost: 0, jitter: 0, receivedAudioEnergy: 0 };
  report.forEach((entry: RtpReport) => {
    if (entry.kind !== 'audio') return;
    if (entry.type === 'outbound-rtp') stats.bytesSent += entry.bytesSent ?? 0;
    if (entry.type === 'inbound-rtp') {
      stats.bytesReceived += entry.bytesReceived ?? 0;
      stats.packetsLost += entry.packetsLost ?? 0;
      stats.jitter = Math.max(stats.jitter, entry.jitter ?? 0);
      stats.receivedAudioEnergy += entry.totalAudioEnergy ?? 0;
    }
  });
  return stats;
}
