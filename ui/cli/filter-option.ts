/**
 * `-Y` / `--filter`: Wireshark's display-filter language on every command. A filter that does not
 * compile is a usage error (exit 2) printed with a caret under the column and, for an unknown
 * field, the nearest field name.
 */
import type { Command } from 'commander';
import { analyze, type AnalyzeListener } from '../../dissect/analyze.js';
import { decryptionContext, type SecretFlags } from './secret-options.js';
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

/**
 * The TCP streams a filter matches, or undefined without a filter. A connection matches only
 * once all its frames are read, so commands that must know before they start (replay, playback,
 * the mock server) run this pass first, with the same secrets (so decrypted fields match) but
 * writing no key log: their main pass does.
 */
export async function streamsMatching(capture: string, text: string | undefined, secrets: SecretFlags): Promise<((stream: number) => boolean) | undefined> {
  const recorder = await filterRecorder(text);
  if (recorder === undefined) return undefined;
  const { keylogOut: _writtenByTheMainPass, ...rest } = secrets;
  await analyze(capture, withFilter({}, recorder), { decryption: await decryptionContext(rest) });
  recorder.end();
  return (stream) => recorder.connectionMatches(stream);
}
