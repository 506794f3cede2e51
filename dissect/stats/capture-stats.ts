/**
 * One pass over a capture for `keyhole stats`: the StatsCollector and an HttpAnalyzer (for status
 * codes and the http layer of the protocol hierarchy) merged into one listener.
 */
import { analyze, type AnalyzeOptions } from '../analyze.js';
import { HttpAnalyzer } from '../http/analyzer.js';
import { mergeListeners } from '../listeners.js';
import { StatsCollector, type CaptureStats, type StatsOptions } from './collector.js';

export async function captureStats(path: string, options: AnalyzeOptions = {}, stats: StatsOptions = {}): Promise<CaptureStats> {
  const collector = new StatsCollector(stats);
  const http = new HttpAnalyzer((exchange) => collector.exchange(exchange), {
    keepBodies: false,
    onMessage: (facts) => collector.httpMessage(facts),
    onFrame: () => collector.http2Frame(),
  });
  await analyze(path, mergeListeners(collector, http), options);
  return collector.result();
}
