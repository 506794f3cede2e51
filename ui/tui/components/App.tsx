/**
 * The app shell: wires the capture index and the on-demand loaders to the view state, lays the
 * panes out for the terminal's size (following resizes) and turns key presses into reducer
 * actions through the key map. Panes get their rows from selectors; none owns state.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import type { CaptureIndex } from '../model/capture-index.js';
import { recordNode, type ConnectionDetail, type DetailCache, type RecordDetail } from '../model/connection-detail.js';
import type { FilterMatches } from '../model/filter-matches.js';
import type { FrameReader } from '../model/frame-reader.js';
import { explainLines } from '../model/explain-lines.js';
import { SESSION_PROTOCOL } from '../../../dissect/transport.js';
import { flowLabel } from '../model/flow-key.js';
import { followLines } from '../model/follow-lines.js';
import { frameTree } from '../model/frame-tree.js';
import { hexTarget } from '../model/hex-target.js';
import { ladderSteps } from '../model/ladder.js';
import { reduce, type Action } from '../state/reducer.js';
import type { CommandContext } from '../state/commands.js';
import { connectionRows, decryptedShare, hexRowCount, packetRows, treeRows } from '../state/selectors.js';
import { initialState, type ViewState } from '../state/view-state.js';
import { ConnectionList } from './ConnectionList.js';
import { DetailTree } from './DetailTree.js';
import { ExplainView } from './ExplainView.js';
import { FilterBar, filterBarHeight } from './FilterBar.js';
import { FollowView } from './FollowView.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HexView } from './HexView.js';
import { Ladder } from './Ladder.js';
import { PacketList } from './PacketList.js';
import { StatusBar } from './StatusBar.js';
import { ColorContext, fit } from './theme.js';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export interface AppProps {
  readonly file: string;
  readonly index: CaptureIndex;
  readonly details: DetailCache;
  readonly reader: FrameReader;
  readonly runFilter: (text: string) => Promise<FilterMatches | undefined>;
  readonly initialFilter?: string;
  /** A fixed size (tests); otherwise the terminal's, following resizes. */
  readonly size?: Size;
  readonly color?: boolean;
  readonly onQuit?: () => void;
}

const HINTS: Readonly<Record<ViewState['view'], string>> = {
  connections: 'Enter open · / filter · s sort · f l e · ? help · q quit',
  packets: 'Enter expand · Tab pane · x hex · f l e · Esc back · ? help',
  follow: 't ASCII/hex · Esc back · ? help',
  ladder: 'p playback · e explain · Esc back · ? help',
  explain: 'l ladder · f follow · Esc back · ? help',
};

const NO_RECORDS: readonly RecordDetail[] = [];

/** While keys come in, redraws for index batches wait this long after the last key. */
const KEYS_FIRST_MS = 250;

/**
 * The index version to render. A batch redraws the screen, which costs tens of milliseconds in
 * Ink; while the user is pressing keys those redraws wait (KEYS_FIRST_MS), so a key's own
 * redraw never queues behind them.
 */
function useIndexVersion(index: CaptureIndex, lastKeyAt: { readonly current: number }): number {
  const [version, setVersion] = useState(index.version);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const show = (): void => {
      timer = undefined;
      const wait = lastKeyAt.current + KEYS_FIRST_MS - performance.now();
      if (wait > 0 && !index.done) timer = setTimeout(show, wait);
      else setVersion(index.version);
    };
    const unsubscribe = index.subscribe(() => {
      if (timer === undefined) show();
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [index, lastKeyAt]);
  return version;
}

function useTerminalSize(fixed: Size | undefined): Size {
  const { stdout } = useStdout();
  const read = (): Size => fixed ?? { columns: stdout.columns > 0 ? stdout.columns : 80, rows: stdout.rows > 0 ? stdout.rows : 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed !== undefined) return undefined;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [fixed, stdout]);
  return fixed ?? size;
}

/** Resolves a promise into state, dropping answers for keys that are no longer wanted. */
function useLoaded<K, V>(key: K | undefined, load: (key: K) => Promise<V>): V | undefined {
  const [loaded, setLoaded] = useState<{ key: K; value: V } | undefined>(undefined);
  useEffect(() => {
    if (key === undefined) return undefined;
    let current = true;
    load(key).then(
      (value) => current && setLoaded({ key, value }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key, load]);
  return loaded !== undefined && loaded.key === key ? loaded.value : undefined;
}

export function App(props: AppProps): ReactNode {
  const { index, details, reader, file } = props;
  const app = useApp();
  const lastKeyAt = useRef(0);
  const version = useIndexVersion(index, lastKeyAt);
  const size = useTerminalSize(props.size);
  const [state, dispatch] = useReducer(reduce<Action['type']>, props.initialFilter, initialState);

  const applied = state.filter.applied;
  const matches = useLoaded(applied, props.runFilter);
  const filtering = applied !== undefined && matches === undefined;
  const keep = matches?.text === applied ? matches : undefined;

  const listed = useMemo(() => index.listed(), [index, version]);
  const connections = useMemo(() => connectionRows(listed, state.sort, keep?.flow), [listed, state.sort, keep]);
  const underCursor = connections[Math.min(state.cursors.connections.selected, connections.length - 1)];
  const flow = state.view === 'connections' ? underCursor?.key : state.flow;
  const entry = flow === undefined ? undefined : index.entry(flow);

  const packets = useMemo(() => (entry === undefined ? undefined : packetRows(entry, keep?.frame)), [entry, version, keep]);
  const selectedFrame = packets === undefined || packets.length === 0 ? undefined : packets.at(Math.min(state.cursors.packets.selected, packets.length - 1));
  const facts = selectedFrame === undefined ? undefined : index.frames.facts(selectedFrame);

  const wantsDetail = state.view !== 'connections' && state.view !== 'ladder';
  const loadDetail = useCallback((s: number) => details.get(s), [details]);
  const detail: ConnectionDetail | undefined = useLoaded(wantsDetail ? flow : undefined, loadDetail);
  const recordsByFrame = useMemo(() => {
    const map = new Map<number, RecordDetail[]>();
    for (const r of detail?.records ?? []) {
      const inFrame = map.get(r.frame);
      if (inFrame === undefined) map.set(r.frame, [r]);
      else inFrame.push(r);
    }
    return map;
  }, [detail]);

  const readFrame = useCallback((n: number) => {
    const f = index.frames.facts(n);
    return f === undefined ? Promise.resolve(new Uint8Array(0)) : reader.read(f);
  }, [index, reader]);
  const frameBytes = useLoaded(state.view === 'packets' ? selectedFrame : undefined, readFrame);
  const frameRecords = (selectedFrame === undefined ? undefined : recordsByFrame.get(selectedFrame)) ?? NO_RECORDS;
  const frameNodes = useMemo(() => (facts === undefined || frameBytes === undefined ? [] : frameTree(facts, frameBytes)), [facts?.number, frameBytes]);
  const tree = useMemo(() => treeRows([...frameNodes, ...frameRecords.map(recordNode)], state.nodes, frameNodes.length), [frameNodes, frameRecords, state.nodes]);
  const treeRow = tree[Math.min(state.cursors.tree.selected, tree.length - 1)];
  const hex = hexTarget(selectedFrame ?? 0, frameBytes, frameNodes.length, frameRecords, treeRow, state.hexPlaintext);
  const follow = useMemo(() => (detail === undefined ? undefined : followLines(detail, state.followHex)), [detail, state.followHex]);
  const tls = entry?.report === undefined ? undefined : entry.report.tls;
  const explain = useMemo(() => (detail === undefined || entry === undefined ? undefined : explainLines(entry, tls, detail.story)), [detail, entry, tls]);
  const followLength = follow?.length ?? 0;
  const explainLength = explain?.length ?? 0;
  const steps = useMemo(() => (entry === undefined ? [] : ladderSteps(entry, index.frames)), [entry, version]);

  const width = size.columns;
  const mainHeight = Math.max(3, size.rows - 2 - filterBarHeight(state.filter));
  const listHeight = Math.max(3, Math.floor(mainHeight * (state.hexOpen ? 0.3 : 0.4)));
  const treeHeight = Math.max(3, state.hexOpen ? Math.floor(mainHeight * 0.35) : mainHeight - 1 - listHeight);
  const hexHeight = Math.max(3, mainHeight - 1 - listHeight - treeHeight);

  const lists: CommandContext['lists'] = {
    connections: { length: connections.length, page: mainHeight - 1 },
    packets: { length: packets?.length ?? 0, page: listHeight - 1 },
    tree: { length: tree.length, page: treeHeight - 1 },
    hex: { length: hexRowCount(hex.bytes?.length ?? 0), page: hexHeight - 1 },
    follow: { length: followLength, page: mainHeight - 1 },
    ladder: { length: steps.length + 1, page: mainHeight - 1 },
    explain: { length: explainLength, page: mainHeight - 1 },
  };
  const onTick = useCallback(() => dispatch({ type: 'playbackTick', steps: steps.length }), [steps.length]);

  // Ink writes a frame when React commits it, but swaps in a new input handler only in a passive
  // effect, which a busy index pass can hold back: so the handler is stable and reads what the
  // screen shows from a ref set at commit.
  const shown = useRef<CommandContext>({ lists, flow, treeRow });
  useLayoutEffect(() => {
    shown.current = { lists, flow, treeRow };
  });
  const onKey = useCallback((input: string, key: Key) => {
    lastKeyAt.current = performance.now();
    dispatch({ type: 'key', text: input, key, context: shown.current });
  }, []);
  useInput(onKey);
  useEffect(() => {
    if (!state.quit) return;
    app.exit();
    props.onQuit?.();
  }, [state.quit]);

  const total = index.progress.fileSize;
  const share = useMemo(() => decryptedShare(listed), [listed]);
  const status = {
    file, packets: index.frames.count, connections: listed.length, tls: share.tls, decrypted: share.decrypted,
    progress: index.done ? undefined : total > 0 ? index.progress.bytesRead / total : 0, error: index.error,
  };
  const viewTitle = entry === undefined || state.view === 'connections' ? 'connections' : `${flowLabel(entry)} ${entry.client} → ${entry.server}`;

  const main = (): ReactNode => {
    if (state.help) return <HelpOverlay width={width} height={mainHeight} />;
    if (state.view === 'connections' || entry === undefined) {
      return <ConnectionList rows={connections} cursor={state.cursors.connections} width={width} height={mainHeight} sort={state.sort} indexing={!index.done} />;
    }
    if (state.view === 'follow') return <FollowView flow={entry} lines={follow} asHex={state.followHex} cursor={state.cursors.follow} width={width} height={mainHeight} />;
    if (state.view === 'ladder') return <Ladder flow={entry} steps={steps} playback={state.playback} onTick={onTick} cursor={state.cursors.ladder} width={width} height={mainHeight} />;
    if (state.view === 'explain') return <ExplainView flow={entry} lines={explain} cursor={state.cursors.explain} width={width} height={mainHeight} />;
    return (
      <Box flexDirection="column">
        <PacketList entry={entry} rows={packets ?? entry.frames} frames={index.frames} cursor={state.cursors.packets} width={width} height={listHeight} focused={state.pane === 'packets'} />
        <Text> </Text>
        <DetailTree rows={tree} cursor={state.cursors.tree} width={width} height={treeHeight} focused={state.pane === 'tree'} title={selectedFrame === undefined ? 'Detail' : `Detail: frame ${selectedFrame}${detail === undefined ? ` (decoding ${SESSION_PROTOCOL[entry.transport]}…)` : ''}`} />
        {state.hexOpen ? <HexView bytes={hex.bytes} ranges={hex.ranges} cursor={state.cursors.hex} width={width} height={hexHeight} title={hex.title} /> : null}
      </Box>
    );
  };

  return (
    <ColorContext.Provider value={props.color ?? process.env['NO_COLOR'] === undefined}>
      <Box flexDirection="column" width={width} height={size.rows}>
        <Text bold wrap="truncate">
          {fit(`keyhole ui · ${viewTitle}`, width)}
        </Text>
        <Box height={mainHeight} flexDirection="column">
          {main()}
        </Box>
        <FilterBar filter={state.filter} width={width} busy={filtering} />
        <StatusBar facts={status} hints={HINTS[state.view]} width={width} />
      </Box>
    </ColorContext.Provider>
  );
}
