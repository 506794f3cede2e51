/**
 * `-Y` / `--filter`: Wireshark's display-filter language on every command. A filter that does not
 * compile is a usage error (exit 2) printed with a caret under the column and, for an unknown
 * field, the nearest field name.
 */
import type { Command } from 'commander';
import type { AnalyzeListener } from '../../dissect/analyze.js';
import { compileFilter, formatFilterError, FilterRecorder } from '../../dissect/filter/index.js';
import { UsageError } from './errors.js';
import { mergeListeners } from '../../dissect/listeners.js';
import { HttpAnalyzer } from '../../dissect/http/analyzer.js';

export function addFilterOption(command: Command, scope: string): Command {
  return command.option('-Y, --filter <expression>', `Wireshark display filter; ${scope} (e.g. 'tls.handshake.extensions_server_name contains "example"')`);
}

/** The recorder for a filter text, or undefined when there is none. */
export async function filterRecorder(text: string | undefined, onFrame?: (frame: number, matched: boolean) => void): Promise<FilterRecorder | undefined> {
  if (text === undefined) return undefined;
  const compiled = compileFilter(text);
  if (!compiled.ok) throw new UsageError(formatFilterError(text, compiled.error).join('\n'));
  return FilterRecorder.create(compiled.filter, onFrame === undefined ? {} : { onFrame });
}

/**
 * The command's listener with the recorder's per-frame bookkeeping run first, and an HTTP parser
 * feeding the recorder each message in the frame that completes it (for http.* fields), unless
 * the command runs its own parser and feeds the recorder itself.
 */
export function withFilter(listener: AnalyzeListener, recorder: FilterRecorder | undefined, commandParsesHttp = false): AnalyzeListener {
  if (recorder === undefined) return listener;
  if (commandParsesHttp) return mergeListeners(recorder, listener);
  const http = new HttpAnalyzer(() => undefined, { onMessage: (facts) => recorder.http(facts) });
  return mergeListeners(recorder, http, listener);
}
