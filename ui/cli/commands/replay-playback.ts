/**
 * `keyhole replay CAPTURE --playback [--speed X]`: the capture's events (connections opening,
 * handshake messages, decrypted application data, alerts, closes, decryption verdicts) printed in
 * capture order at the original pace, X times faster, or at once with `--speed 0` or
 * `--timing fast`: one line each (seconds since the first frame, stream, direction, what) or, with
 * `--ndjson`, one JSON object each. Events stream from one pass (replay/playback); with -Y a first
 * pass finds the connections the filter selects.
 */
import type { Command } from 'commander';
import type { PipelineResult } from '../../../dissect/pipeline.js';
import type { Timing } from '../../../replay/client/pacing.js';
import { systemClock } from '../../../replay/playback/clock.js';
import { describeEvent } from '../../../replay/playback/describe.js';
import { playbackEvents } from '../../../replay/playback/event-stream.js';
import type { PlaybackEvent } from '../../../replay/playback/events.js';
import { Pacer, paced } from '../../../replay/playback/pacer.js';
import type { FlowSelection } from '../../../replay/playback/translator.js';
import { streamsMatching } from '../filter-option.js';
import { color } from '../format/color.js';
import { formatSeconds, isoTime } from '../format/time.js';
import { writeLine } from '../output.js';
import { decryptionContext } from '../secret-options.js';
import { noSuchStream } from '../stream-option.js';
import type { ReplayCommonFlags } from './replay.js';

export interface PlaybackFlags extends ReplayCommonFlags {
  readonly playback?: boolean;
  readonly timing?: Timing;
  readonly ndjson?: boolean;
}

export function addPlaybackOptions(command: Command): Command {
  return command.option(
    '--playback',
    "print the capture's events (opens, handshake messages, decrypted data, alerts, closes, verdicts) at the captured pace; --speed X plays X times faster, --speed 0 or --timing fast without waiting; --ndjson (or --json) prints one JSON object per event",
  );
}

/** Playback speed from --speed and --timing: the captured pace by default, 0 for no waiting. */
function playbackSpeed(flags: Pick<PlaybackFlags, 'speed' | 'timing'>): number {
  return flags.timing === 'fast' ? 0 : (flags.speed ?? 1);
}

const ARROWS = { client: '→', server: '←' } as const;

function direction(event: PlaybackEvent): string {
  if (!('from' in event)) return ' ';
  const arrow = ARROWS[event.from];
  return event.from === 'client' ? color.red(arrow) : color.blue(arrow);
}

/** "   0.002684  #0  →  96 B  GET / HTTP/1.1..": seconds since the first frame, stream, direction, what. */
function playbackLine(event: PlaybackEvent): string {
  const stream = event.transport === 'udp' ? `udp#${event.stream}` : `#${event.stream}`;
  return `${color.dim(formatSeconds(event.offset).padStart(12))}  ${stream.padEnd(5)} ${direction(event)}  ${describeEvent(event)}`;
}

/** One NDJSON object: time (seconds since the first frame), timestamp, frame, stream, event, then the event's own fields. */
function playbackJson(event: PlaybackEvent): string {
  const { time, offset, frame, transport, stream, ...fields } = event;
  return JSON.stringify({ time: Number(offset.toFixed(9)), timestamp: isoTime(time), frame, transport, stream, ...fields });
}

export async function runPlayback(capture: string, flags: PlaybackFlags): Promise<void> {
  const speed = playbackSpeed(flags);
  const wanted = flags.stream;
  const filtered = await streamsMatching(capture, flags.filter, flags);
  const selects: FlowSelection = (transport, stream) =>
    (wanted === undefined || (transport === 'tcp' && stream === wanted)) && (filtered === undefined || (transport === 'tcp' && filtered(stream)));
  const print = flags.ndjson === true || flags.json === true ? playbackJson : playbackLine;
  const decryption = await decryptionContext(flags);
  let result: PipelineResult | undefined;
  const events = playbackEvents(capture, { decryption, selects, onEnd: (r) => (result = r) });
  for await (const event of paced(events, new Pacer(speed, systemClock), (e) => e.offset)) writeLine(print(event));
  decryption.finish();
  if (wanted !== undefined && result !== undefined && wanted >= result.connections) throw noSuchStream('tcp', wanted, capture, result.connections);
}

