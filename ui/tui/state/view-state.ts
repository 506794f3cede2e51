/**
 * The UI's view state, and nothing else: which view and pane is shown, where each list's cursor
 * is, which tree nodes are open, the filter being typed, the sort key and toggles. Capture data
 * lives in the model (ui/tui/model/); this is what the reducer changes on a key press.
 */
export type View = 'connections' | 'packets' | 'follow' | 'ladder' | 'explain';
export type Pane = 'packets' | 'tree' | 'hex';
export type ListName = 'connections' | 'packets' | 'tree' | 'hex' | 'follow' | 'ladder' | 'explain';

export interface Cursor {
  readonly selected: number;
  /** First row shown; selectors correct it when the viewport moves or shrinks. */
  readonly top: number;
}

/** Sort keys of the connections view, in the order `s` cycles through them. */
export const SORT_KEYS = ['stream', 'client', 'server', 'sni', 'version', 'cipher', 'verdict', 'bytes', 'anomalies'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface FilterProblem {
  readonly message: string;
  /** 1-based column of the first offending character, and how many to mark. */
  readonly column: number;
  readonly length: number;
  readonly suggestion: string | undefined;
}

export interface FilterState {
  readonly editing: boolean;
  readonly draft: string;
  /** The filter in force; undefined when none. */
  readonly applied: string | undefined;
  readonly problem: FilterProblem | undefined;
}

export interface Playback {
  readonly playing: boolean;
  /** Ladder steps shown; undefined shows all. */
  readonly revealed: number | undefined;
}

export interface ViewState {
  readonly view: View;
  /** Views to return to with Esc, most recent last. */
  readonly history: readonly View[];
  readonly pane: Pane;
  readonly hexOpen: boolean;
  /** The hex pane shows the decrypted record instead of the frame. */
  readonly hexPlaintext: boolean;
  /** The follow view shows hex instead of text. */
  readonly followHex: boolean;
  /** The key (model/flow-key.ts) of the connection the packets, follow, ladder and explain views show. */
  readonly flow: number | undefined;
  readonly cursors: Readonly<Record<ListName, Cursor>>;
  /** Tree nodes opened or closed by hand, by node id; the rest follow the default depth. */
  readonly nodes: ReadonlyMap<string, boolean>;
  readonly sort: SortKey;
  readonly filter: FilterState;
  readonly help: boolean;
  readonly playback: Playback;
  /** `q` was pressed: the shell unmounts and restores the terminal. */
  readonly quit: boolean;
}

const AT_TOP: Cursor = { selected: 0, top: 0 };

export function initialState(filter?: string): ViewState {
  return {
    view: 'connections',
    history: [],
    pane: 'packets',
    hexOpen: false,
    hexPlaintext: false,
    followHex: false,
    flow: undefined,
    cursors: { connections: AT_TOP, packets: AT_TOP, tree: AT_TOP, hex: AT_TOP, follow: AT_TOP, ladder: AT_TOP, explain: AT_TOP },
    nodes: new Map(),
    sort: 'stream',
    filter: { editing: false, draft: filter ?? '', applied: filter, problem: undefined },
    help: false,
    playback: { playing: false, revealed: undefined },
    quit: false,
  };
}

/** The list that movement keys act on. */
export function focusedList(state: ViewState): ListName {
  return state.view === 'packets' ? state.pane : state.view;
}
