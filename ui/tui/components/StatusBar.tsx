/** The status bar: file, packets, connections, decrypted share, indexing progress and the key hints. */
import type { ReactNode } from 'react';
import path from 'node:path';
import { Text } from 'ink';
import { plural } from '../../../dissect/tls/messages/tree-nodes.js';
import { fit, toneProps, useColor } from './theme.js';

export interface StatusFacts {
  readonly file: string;
  readonly packets: number;
  readonly connections: number;
  readonly tls: number;
  readonly decrypted: number;
  /** 0..1 while indexing; undefined when done. */
  readonly progress: number | undefined;
  readonly error: string | undefined;
}

export function statusText(s: StatusFacts): string {
  const indexing = s.progress === undefined ? '' : ` · indexing ${Math.floor(s.progress * 100)}%`;
  const share = s.tls === 0 ? 'no TLS' : `${s.decrypted}/${s.tls} TLS decrypted`;
  return `${path.basename(s.file)} · ${plural(s.packets, 'packet')} · ${plural(s.connections, 'connection')} · ${share}${indexing}${s.error === undefined ? '' : ` · ${s.error}`}`;
}

export function StatusBar({ facts, hints, width }: { readonly facts: StatusFacts; readonly hints: string; readonly width: number }): ReactNode {
  const color = useColor();
  const left = statusText(facts);
  const room = Math.max(0, width - left.length - 1);
  return (
    <Text wrap="truncate" inverse>
      <Text {...toneProps(facts.error === undefined ? 'plain' : 'bad', color)}>{left}</Text>
      {` ${fit(hints.length > room ? '' : hints.padStart(room), room)}`}
    </Text>
  );
}
