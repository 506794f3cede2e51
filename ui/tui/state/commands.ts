/**
 * What a key map command does in the current state: the reducer actions it stands for, given
 * the few facts about the data under the cursor that the reducer itself does not hold.
 */
import type { Command } from '../keymap.js';
import type { Action } from './reducer.js';
import type { TreeRow } from './selectors.js';
import { focusedList, type ListName, type ViewState } from './view-state.js';

export interface ListSize {
  /** Rows in the list, and how many it shows at once. */
  readonly length: number;
  readonly page: number;
}

export interface CommandContext {
  /** Every list's size, so a key read after a view change still moves the right list. */
  readonly lists: Readonly<Record<ListName, ListSize>>;
  /** The key (model/flow-key.ts) of the connection under the cursor (connections view) or being shown. */
  readonly flow: number | undefined;
  /** The selected detail tree row, in the packets view. */
  readonly treeRow: TreeRow | undefined;
}

const MOVES: Partial<Record<Command, (page: number) => number>> = {
  up: () => -1,
  down: () => 1,
  pageUp: (page) => -page,
  pageDown: (page) => page,
  top: () => -Infinity,
  bottom: () => Infinity,
};

const SIMPLE: Partial<Record<Command, Action>> = {
  back: { type: 'back' },
  nextPane: { type: 'nextPane' },
  filter: { type: 'filterStart' },
  playback: { type: 'playback' },
  toggle: { type: 'toggleMode' },
  sort: { type: 'cycleSort' },
  help: { type: 'toggleHelp' },
};

const SHOWS: Partial<Record<Command, 'follow' | 'ladder' | 'explain'>> = { follow: 'follow', ladder: 'ladder', explain: 'explain' };

function treeNode(state: ViewState, row: TreeRow | undefined, open: (row: TreeRow) => boolean | undefined): Action[] {
  if (state.view !== 'packets') return [];
  if (state.pane === 'packets') return [{ type: 'focus', pane: 'tree' }];
  if (state.pane !== 'tree' || row === undefined || !row.hasChildren) return [];
  const wanted = open(row);
  return wanted === undefined || wanted === row.open ? [] : [{ type: 'setNode', id: row.id, open: wanted }];
}

export function actionsFor(command: Command, state: ViewState, context: CommandContext): Action[] {
  const move = MOVES[command];
  const { length, page } = context.lists[focusedList(state)];
  if (move !== undefined) return [{ type: 'move', by: move(page), length, page }];
  const simple = SIMPLE[command];
  if (simple !== undefined) return [simple];
  const flow = context.flow;
  const shown = SHOWS[command];
  if (shown !== undefined) return flow === undefined ? [] : [{ type: 'show', view: shown, flow }];
  if (command === 'open') {
    if (focusedList(state) === 'connections') return flow === undefined ? [] : [{ type: 'openConnection', flow }];
    return treeNode(state, context.treeRow, (row) => !row.open);
  }
  if (command === 'expand') return treeNode(state, context.treeRow, () => true);
  if (command === 'collapse') return state.pane === 'packets' ? [] : treeNode(state, context.treeRow, () => false);
  if (command === 'hex') {
    if (state.view === 'connections') return flow === undefined ? [] : [{ type: 'openConnection', flow }, { type: 'toggleHex' }];
    return state.view === 'packets' ? [{ type: 'toggleHex' }] : [];
  }
  return [];
}
