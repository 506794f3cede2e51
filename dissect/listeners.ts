/**
 * Several consumers in one pass (export files, HTTP objects, a display filter, a printer): one
 * listener that calls each consumer's handler in turn, in the order given. `satisfies Required`
 * makes the compiler insist that every event of AnalyzeListener is passed on.
 */
import type { AnalyzeListener } from './analyze.js';

export function mergeListeners(...listeners: readonly AnalyzeListener[]): AnalyzeListener {
  return {
    frame: (p) => listeners.forEach((l) => l.frame?.(p)),
    packet: (p, c, d) => listeners.forEach((l) => l.packet?.(p, c, d)),
    opened: (c) => listeners.forEach((l) => l.opened?.(c)),
    closed: (c) => listeners.forEach((l) => l.closed?.(c)),
    udpOpened: (c) => listeners.forEach((l) => l.udpOpened?.(c)),
    udpPacket: (p, c, d) => listeners.forEach((l) => l.udpPacket?.(p, c, d)),
    udpClosed: (c) => listeners.forEach((l) => l.udpClosed?.(c)),
    record: (e) => listeners.forEach((l) => l.record?.(e)),
    message: (s, m, d) => listeners.forEach((l) => l.message?.(s, m, d)),
    retransmittedMessage: (s, m, d) => listeners.forEach((l) => l.retransmittedMessage?.(s, m, d)),
    applicationData: (s, d, p, r) => listeners.forEach((l) => l.applicationData?.(s, d, p, r)),
    plaintext: (s, c) => listeners.forEach((l) => l.plaintext?.(s, c)),
    sessionEnded: (s) => listeners.forEach((l) => l.sessionEnded?.(s)),
    finished: (c, s) => listeners.forEach((l) => l.finished?.(c, s)),
    finishedUdp: (c, s) => listeners.forEach((l) => l.finishedUdp?.(c, s)),
    diagnostic: (d) => listeners.forEach((l) => l.diagnostic?.(d)),
    secrets: (b) => listeners.forEach((l) => l.secrets?.(b)),
  } satisfies Required<AnalyzeListener>;
}
