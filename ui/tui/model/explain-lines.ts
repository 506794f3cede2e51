/**
 * The selected session's explain view: the same story `keyhole explain` prints (ui/cli/explain-
 * story.ts, told by the connection's detail pass), with its step headings and check marks toned.
 */
import type { TlsReport } from '../../../dissect/report.js';
import { SESSION_PROTOCOL } from '../../../dissect/transport.js';
import { STEP_HEADING } from '../../cli/explain-story.js';
import { flowLabel, type Flow } from './flow-key.js';
import { line, type Line, type Tone } from './lines.js';

function toneOf(text: string, index: number): Tone {
  if (index === 0 || STEP_HEADING.test(text)) return 'heading';
  if (text.trimStart().startsWith('✓')) return 'good';
  if (text.trimStart().startsWith('✗')) return 'bad';
  if (text.startsWith('Verdict: decrypted')) return 'good';
  if (text.startsWith('Verdict:')) return 'bad';
  return 'plain';
}

export function explainLines(flow: Flow, tls: TlsReport | null | undefined, story: readonly string[]): Line[] {
  if (tls === undefined) return [line('The connection is still being indexed.', 'dim')];
  if (tls === null || story.length === 0) return [line(`${flowLabel(flow)} does not carry ${SESSION_PROTOCOL[flow.transport]}.`, 'dim')];
  return story.map((text, index) => line(text, toneOf(text, index)));
}
