/**
 * The pure reducer over view state: `reduce(state, action)` for every key press the key map
 * turns into an action. No I/O and no capture data: list lengths and page sizes come in the
 * actions, so the reducer is tested without Ink or a capture.
 */
import { compileFilter } from '../../../dissect/filter/index.js';
import type { Key } from 'ink';
import { commandFor, type Command } from '../keymap.js';
import { isMouseReport } from '../mouse.js';
import { actionsFor, type CommandContext } from './commands.js';
import { focusedList, initialState, SORT_KEYS, type Cursor, type ListName, type Pane, type ViewState } from './view-state.js';

/** Each action's fields beside its type. */
interface ActionFields {
  /**
   * A key press, decided here against the current state (not the state of the last render, which
   * may lag behind fast typing): a filter edit while the bar is open, else the key map's command.
   */
  readonly key: { readonly text: string; readonly key: Key; readonly context: CommandContext };
  /** Move the focused list's cursor by `by` rows (±Infinity for the ends). */
  readonly move: { readonly by: number; readonly length: number; readonly page: number };
  readonly openConnection: { readonly flow: number };
  readonly show: { readonly view: 'follow' | 'ladder' | 'explain'; readonly flow: number };
  readonly focus: { readonly pane: Pane };
  readonly nextPane: object;
  readonly setNode: { readonly id: string; readonly open: boolean };
  readonly back: object;
  readonly toggleHex: object;
  readonly toggleMode: object;
  readonly cycleSort: object;
  readonly toggleHelp: object;
  readonly filterStart: object;
  readonly filterType: { readonly text: string };
  readonly filterErase: object;
  readonly filterSubmit: object;
  readonly filterCancel: object;
  readonly playback: object;
  readonly playbackTick: { readonly steps: number };
}

export type ActionType = keyof ActionFields;
/** The action of one type (or, with the default, any action). */
export type Action<T extends ActionType = ActionType> = { [K in T]: { readonly type: K } & ActionFields[K] }[T];
type Handlers = { readonly [K in ActionType]: (state: ViewState, action: Action<K>) => ViewState };

const AT_TOP: Cursor = { selected: 0, top: 0 };

function withCursor(state: ViewState, list: ListName, cursor: Cursor): ViewState {
  return { ...state, cursors: { ...state.cursors, [list]: cursor } };
}

/** A new packet shows its tree from the top, with default node states. */
function resetDetail(state: ViewState): ViewState {
  return { ...state, nodes: new Map(), cursors: { ...state.cursors, tree: AT_TOP, hex: AT_TOP } };
}

export function moveCursor(cursor: Cursor, by: number, length: number, page: number): Cursor {
  if (length <= 0) return AT_TOP;
  const target = cursor.selected + by;
  const selected = Number.isFinite(target) ? Math.min(length - 1, Math.max(0, target)) : target > 0 ? length - 1 : 0;
  const height = Math.max(1, page);
  const top = selected < cursor.top ? selected : selected >= cursor.top + height ? selected - height + 1 : cursor.top;
  return { selected, top };
}

const PANES: readonly Pane[] = ['packets', 'tree', 'hex'];

/** While the filter bar is open, these keys edit the filter instead of running commands. */
const FILTER_EDITS: ReadonlyArray<readonly [keyof Key, Action]> = [
  ['escape', { type: 'filterCancel' }],
  ['return', { type: 'filterSubmit' }],
  ['backspace', { type: 'filterErase' }],
  ['delete', { type: 'filterErase' }],
];

function runCommand(state: ViewState, command: Command | undefined, context: CommandContext): ViewState {
  if (command === 'quit') return { ...state, quit: true };
  if (command === undefined) return state;
  return actionsFor(command, state, context).reduce((s: ViewState, action: Action) => reduce(s, action), state);
}

const HANDLERS: Handlers = {
  key(state, a) {
    // A mouse report is one event: never split into characters or typed into the filter.
    if (isMouseReport(a.text)) return state.filter.editing ? state : runCommand(state, commandFor(a.text, a.key, state.view), a.context);
    // Keys typed while the app was busy arrive as one string (as a paste does): one at a time.
    const chars = [...a.text];
    if (chars.length > 1) return chars.reduce((s: ViewState, text: string) => reduce(s, { ...a, text }), state);
    if (state.filter.editing) {
      const edit = FILTER_EDITS.find(([name]) => a.key[name] === true)?.[1];
      if (edit !== undefined) return reduce(state, edit);
      return a.text === '' || a.key.ctrl || a.key.meta ? state : reduce(state, { type: 'filterType', text: a.text });
    }
    return runCommand(state, commandFor(a.text, a.key, state.view), a.context);
  },
  move(state, a) {
    const list = focusedList(state);
    const moved = withCursor(state, list, moveCursor(state.cursors[list], a.by, a.length, a.page));
    return list === 'packets' && moved.cursors.packets.selected !== state.cursors.packets.selected ? resetDetail(moved) : moved;
  },
  openConnection(state, a) {
    const opened = { ...state, view: 'packets' as const, history: [...state.history, state.view], flow: a.flow, pane: 'packets' as const };
    return resetDetail(withCursor(opened, 'packets', AT_TOP));
  },
  show(state, a) {
    const history = state.view === a.view ? state.history : [...state.history, state.view];
    const shown = { ...state, view: a.view, history, flow: a.flow, playback: { playing: false, revealed: undefined } };
    return withCursor(shown, a.view, AT_TOP);
  },
  focus: (state, a) => ({ ...state, pane: a.pane, hexOpen: state.hexOpen || a.pane === 'hex' }),
  nextPane(state) {
    const panes = state.hexOpen ? PANES : PANES.filter((p) => p !== 'hex');
    const next = panes[(panes.indexOf(state.pane) + 1) % panes.length] ?? 'packets';
    return { ...state, pane: next };
  },
  setNode(state, a) {
    const nodes = new Map(state.nodes);
    nodes.set(a.id, a.open);
    return { ...state, nodes };
  },
  back(state) {
    if (state.help) return { ...state, help: false };
    if (state.view === 'packets' && state.pane !== 'packets') return { ...state, pane: 'packets' };
    const previous = state.history[state.history.length - 1];
    return { ...state, view: previous ?? 'connections', history: state.history.slice(0, -1), playback: { playing: false, revealed: undefined } };
  },
  toggleHex(state) {
    const hexOpen = !state.hexOpen;
    return { ...state, hexOpen, pane: hexOpen ? 'hex' : state.pane === 'hex' ? 'tree' : state.pane };
  },
  toggleMode: (state) => (state.view === 'follow' ? { ...state, followHex: !state.followHex } : { ...state, hexPlaintext: !state.hexPlaintext }),
  cycleSort(state) {
    const next = SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length] ?? 'stream';
    return withCursor({ ...state, sort: next }, 'connections', AT_TOP);
  },
  toggleHelp: (state) => ({ ...state, help: !state.help }),
  filterStart: (state) => ({ ...state, filter: { ...state.filter, editing: true, draft: state.filter.applied ?? '', problem: undefined } }),
  filterType: (state, a) => ({ ...state, filter: { ...state.filter, draft: state.filter.draft + a.text, problem: undefined } }),
  filterErase: (state) => ({ ...state, filter: { ...state.filter, draft: state.filter.draft.slice(0, -1), problem: undefined } }),
  filterCancel: (state) => ({ ...state, filter: { ...state.filter, editing: false, problem: undefined } }),
  filterSubmit(state) {
    // Compiled as typed, so an error's column matches what the bar shows.
    const text = state.filter.draft;
    if (text.trim() === '') return narrowed(state, undefined);
    const compiled = compileFilter(text);
    if (compiled.ok) return narrowed(state, text.trim());
    const e = compiled.error;
    return { ...state, filter: { ...state.filter, problem: { message: e.message, column: e.column, length: e.length, suggestion: e.suggestion } } };
  },
  playback(state) {
    if (state.playback.playing) return { ...state, playback: { playing: false, revealed: undefined } };
    return withCursor({ ...state, playback: { playing: true, revealed: 1 } }, 'ladder', AT_TOP);
  },
  playbackTick(state, a) {
    const revealed = (state.playback.revealed ?? a.steps) + 1;
    if (!state.playback.playing || revealed > a.steps) return { ...state, playback: { playing: false, revealed: undefined } };
    return { ...state, playback: { playing: true, revealed } };
  },
};

/** A filter applied (or cleared): lists start again from the top, since their rows change. */
function narrowed(state: ViewState, applied: string | undefined): ViewState {
  const filter = { editing: false, draft: applied ?? '', applied, problem: undefined };
  return { ...state, filter, cursors: { ...state.cursors, connections: AT_TOP, packets: AT_TOP } };
}

export function reduce<T extends ActionType>(state: ViewState, action: Action<T>): ViewState {
  const handler: Handlers[T] = HANDLERS[action.type];
  return handler(state, action);
}

export { initialState };
