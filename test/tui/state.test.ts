import test from 'ava';
import type { Key } from 'ink';
import { commandFor, helpLines, KEYMAP } from '../../ui/tui/keymap.js';
import { actionsFor, type CommandContext } from '../../ui/tui/state/commands.js';
import { moveCursor, reduce, type Action } from '../../ui/tui/state/reducer.js';
import { hexRows, treeRows, windowOf } from '../../ui/tui/state/selectors.js';
import { initialState, SORT_KEYS, type ViewState } from '../../ui/tui/state/view-state.js';
import { branch, leaf } from '../../dissect/tree.js';

const run = (actions: readonly Action[], state: ViewState = initialState()): ViewState => actions.reduce((s, a) => reduce(s, a), state);

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false,
  escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

test('moving past either end of a list stops at its first or last row', (t) => {
  t.deepEqual(moveCursor({ selected: 0, top: 0 }, -1, 10, 5), { selected: 0, top: 0 });
  t.deepEqual(moveCursor({ selected: 9, top: 5 }, 1, 10, 5), { selected: 9, top: 5 });
  t.deepEqual(moveCursor({ selected: 3, top: 0 }, Infinity, 1_000_000, 20), { selected: 999_999, top: 999_980 });
  t.deepEqual(moveCursor({ selected: 500, top: 490 }, -Infinity, 1_000_000, 20), { selected: 0, top: 0 });
});

test('the scroll offset follows the cursor a page at a time', (t) => {
  const down = run([{ type: 'move', by: 7, length: 100, page: 5 }]);
  t.deepEqual(down.cursors.connections, { selected: 7, top: 3 });
  const paged = run([{ type: 'move', by: 5, length: 100, page: 5 }], down);
  t.deepEqual(paged.cursors.connections, { selected: 12, top: 8 });
});

test('the window keeps the cursor in view when the pane shrinks or the list ends', (t) => {
  t.deepEqual(windowOf({ selected: 30, top: 0 }, 100, 10), { top: 21, selected: 30, end: 31 });
  t.deepEqual(windowOf({ selected: 95, top: 95 }, 100, 10), { top: 90, selected: 95, end: 100 });
  t.deepEqual(windowOf({ selected: 5, top: 2 }, 3, 10), { top: 0, selected: 2, end: 3 });
});

test('opening a connection shows its packets and Esc goes back to the connections', (t) => {
  const opened = run([{ type: 'openConnection', flow: 4 }]);
  t.is(opened.view, 'packets');
  t.is(opened.flow, 4);
  const tree = run([{ type: 'focus', pane: 'tree' }], opened);
  t.is(tree.pane, 'tree');
  const back = run([{ type: 'back' }], tree);
  t.is(back.view, 'packets', 'Esc first leaves the detail pane');
  t.is(back.pane, 'packets');
  t.is(run([{ type: 'back' }], back).view, 'connections');
});

test('follow, ladder and explain stack up and unwind in order', (t) => {
  const state = run([{ type: 'openConnection', flow: 0 }, { type: 'show', view: 'follow', flow: 0 }, { type: 'show', view: 'ladder', flow: 0 }]);
  t.is(state.view, 'ladder');
  t.is(run([{ type: 'back' }], state).view, 'follow');
  t.is(run([{ type: 'back' }, { type: 'back' }], state).view, 'packets');
});

test('moving to another packet resets the detail tree and the nodes opened by hand', (t) => {
  const state = run([{ type: 'openConnection', flow: 0 }, { type: 'setNode', id: '1.0', open: false }, { type: 'focus', pane: 'tree' }, { type: 'move', by: 3, length: 9, page: 5 }]);
  t.is(state.cursors.tree.selected, 3);
  const moved = run([{ type: 'focus', pane: 'packets' }, { type: 'move', by: 1, length: 9, page: 5 }], state);
  t.is(moved.cursors.tree.selected, 0);
  t.is(moved.nodes.size, 0);
});

test('Tab cycles the packet, detail and (when open) hex panes', (t) => {
  const opened = run([{ type: 'openConnection', flow: 0 }]);
  t.deepEqual([1, 2, 3].map((n) => run(Array.from({ length: n }, (): Action => ({ type: 'nextPane' })), opened).pane), ['tree', 'packets', 'tree']);
  const withHex = run([{ type: 'toggleHex' }], opened);
  t.is(withHex.pane, 'hex');
  t.is(run([{ type: 'nextPane' }], withHex).pane, 'packets');
  t.is(run([{ type: 'toggleHex' }], withHex).pane, 'tree');
});

test('s cycles through every sort key and comes back to the stream order', (t) => {
  const seen = [initialState().sort];
  let state = initialState();
  for (let i = 0; i < SORT_KEYS.length; i++) {
    state = reduce(state, { type: 'cycleSort' });
    seen.push(state.sort);
  }
  t.deepEqual(seen, [...SORT_KEYS, 'stream']);
});

test('a filter that compiles is applied and clears the list positions', (t) => {
  const typed = run([{ type: 'move', by: 2, length: 5, page: 5 }, { type: 'filterStart' }, ...[...'tls.handshake.type == 1'].map((c): Action => ({ type: 'filterType', text: c }))]);
  t.true(typed.filter.editing);
  const applied = reduce(typed, { type: 'filterSubmit' });
  t.false(applied.filter.editing);
  t.is(applied.filter.applied, 'tls.handshake.type == 1');
  t.is(applied.cursors.connections.selected, 0);
  t.is(run([{ type: 'filterStart' }, ...Array.from({ length: 30 }, (): Action => ({ type: 'filterErase' })), { type: 'filterSubmit' }], applied).filter.applied, undefined);
});

test('a filter that does not compile keeps the bar open with the error column', (t) => {
  const state = run([{ type: 'filterStart' }, { type: 'filterType', text: 'tls.handshake.typo == 1' }, { type: 'filterSubmit' }]);
  t.true(state.filter.editing);
  t.is(state.filter.applied, undefined);
  t.is(state.filter.problem?.column, 1);
  t.is(state.filter.problem?.suggestion, 'tls.handshake.type');
  t.is(reduce(state, { type: 'filterType', text: 'x' }).filter.problem, undefined, 'typing clears the error');
});

test('playback reveals one ladder step per tick and stops after the last', (t) => {
  const playing = run([{ type: 'show', view: 'ladder', flow: 0 }, { type: 'playback' }]);
  t.deepEqual(playing.playback, { playing: true, revealed: 1 });
  const ticks = (n: number): Action[] => Array.from({ length: n }, () => ({ type: 'playbackTick', steps: 3 }));
  t.deepEqual(run(ticks(2), playing).playback, { playing: true, revealed: 3 });
  t.deepEqual(run(ticks(3), playing).playback, { playing: false, revealed: undefined });
  t.deepEqual(run([{ type: 'playback' }], playing).playback, { playing: false, revealed: undefined }, 'p again stops');
});

test('tree rows show children only under open nodes, the top two levels open by default', (t) => {
  const nodes = [branch('Record', [branch('Client Hello', [leaf('Version', 'TLS 1.2'), branch('Extensions', [leaf('SNI', 'x')])])]), leaf('Frame', '74 bytes')];
  const rows = treeRows(nodes, new Map());
  t.deepEqual(rows.map((r) => `${r.id}:${r.node.label}`), ['0:Record', '0.0:Client Hello', '0.0.0:Version', '0.0.1:Extensions', '1:Frame']);
  const closed = treeRows(nodes, new Map([['0.0', false]]));
  t.deepEqual(closed.map((r) => r.id), ['0', '0.0', '1']);
  t.deepEqual(treeRows(nodes, new Map([['0.0.1', true]])).map((r) => r.id), ['0', '0.0', '0.0.0', '0.0.1', '0.0.1.0', '1']);
  t.is(rows[3]?.root, 0);
  t.deepEqual(treeRows(nodes, new Map(), 1).map((r) => r.id), ['0', '1'], 'the lower layers start closed');
});

test('hex rows mark exactly the bytes inside the highlighted ranges', (t) => {
  const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);
  const rows = hexRows(bytes, [{ start: 14, end: 18 }], 0, 10);
  t.is(rows.length, 3);
  t.deepEqual(rows[0]?.marked.map((m, i) => (m ? i : -1)).filter((i) => i >= 0), [14, 15]);
  t.deepEqual(rows[1]?.marked.map((m, i) => (m ? i : -1)).filter((i) => i >= 0), [0, 1]);
  t.is(rows[2]?.bytes.length, 8);
});

test('the key map reads letters, arrows and named keys, each only in its views', (t) => {
  t.is(commandFor('j', NO_KEY, 'connections'), 'down');
  t.is(commandFor('', { ...NO_KEY, downArrow: true }, 'packets'), 'down');
  t.is(commandFor('', { ...NO_KEY, escape: true }, 'follow'), 'back');
  t.is(commandFor('G', NO_KEY, 'packets'), 'bottom');
  t.is(commandFor('p', NO_KEY, 'ladder'), 'playback');
  t.is(commandFor('p', NO_KEY, 'connections'), undefined);
  t.is(commandFor('s', NO_KEY, 'packets'), undefined);
  t.is(commandFor('q', { ...NO_KEY, ctrl: true }, 'connections'), undefined);
});

test('a key is read against the state it arrives in, so fast typing after / goes into the filter', (t) => {
  const size = { length: 3, page: 10 };
  const context: CommandContext = { lists: { connections: size, packets: size, tree: size, hex: size, follow: size, ladder: size, explain: size }, flow: 0, treeRow: undefined };
  const keys = ['/', 't', 'c', 'p', 'q'].map((text): Action => ({ type: 'key', text, key: NO_KEY, context }));
  const state = run(keys);
  t.is(state.filter.draft, 'tcpq');
  t.false(state.quit, 'q types into the filter instead of quitting');
  const rejected = run([{ type: 'key', text: '', key: { ...NO_KEY, return: true }, context }], state);
  t.true(rejected.filter.editing, 'a filter that does not compile keeps the bar open');
  t.regex(rejected.filter.problem?.message ?? '', /"tcpq" is not a valid protocol/);
  t.true(run([{ type: 'key', text: '', key: { ...NO_KEY, escape: true }, context }, { type: 'key', text: 'q', key: NO_KEY, context }], state).quit);
});

test('keys that arrive together while the app is busy are each read in turn', (t) => {
  const size = { length: 10, page: 5 };
  const context: CommandContext = { lists: { connections: size, packets: size, tree: size, hex: size, follow: size, ladder: size, explain: size }, flow: 0, treeRow: undefined };
  const state = run([{ type: 'key', text: 'jjjss', key: NO_KEY, context }]);
  t.is(state.cursors.connections.selected, 0, 'the sort key change puts the cursor back at the top');
  t.is(state.sort, SORT_KEYS[2]);
  t.is(run([{ type: 'key', text: 'jjj', key: NO_KEY, context }]).cursors.connections.selected, 3);
  t.is(run([{ type: 'key', text: '/tls', key: NO_KEY, context }]).filter.draft, 'tls');
});

test('the mouse wheel moves like the arrows, with any modifier, and is never typed into the filter', (t) => {
  const size = { length: 50, page: 10 };
  const context: CommandContext = { lists: { connections: size, packets: size, tree: size, hex: size, follow: size, ladder: size, explain: size }, flow: 0, treeRow: undefined };
  // As Ink hands xterm's SGR reports over: without their ESC.
  const wheel = (button: number): Action => ({ type: 'key', text: `[<${button};40;12M`, key: NO_KEY, context });
  const down = run([wheel(65), wheel(65), wheel(65), wheel(64)]);
  t.is(down.cursors.connections.selected, 2);
  t.is(run([wheel(65 + 16)]).cursors.connections.selected, 1, 'Ctrl+wheel is still the wheel');
  t.is(run([wheel(0), wheel(3)]).cursors.connections.selected, 0, 'button presses and releases do nothing');
  const typing = run([{ type: 'key', text: '/', key: NO_KEY, context }, { type: 'key', text: 'tls', key: NO_KEY, context }, wheel(65)]);
  t.is(typing.filter.draft, 'tls');
  t.is(typing.cursors.connections.selected, 0);
});

test('help has one line per binding, listing every key', (t) => {
  const help = helpLines();
  t.is(help.length, KEYMAP.length);
  t.true(help.some((h) => h.keys === '↑ k wheel↑' && h.description === 'move up'));
  t.true(help.some((h) => h.keys === 'Esc Backspace Del'));
});

test('commands become the actions the cursor context allows', (t) => {
  const size = { length: 50, page: 10 };
  const lists = { connections: size, packets: size, tree: size, hex: size, follow: size, ladder: size, explain: size };
  const context: CommandContext = { lists, flow: 3, treeRow: undefined };
  t.deepEqual(actionsFor('pageDown', initialState(), context), [{ type: 'move', by: 10, length: 50, page: 10 }]);
  t.deepEqual(actionsFor('open', initialState(), context), [{ type: 'openConnection', flow: 3 }]);
  t.deepEqual(actionsFor('follow', initialState(), { ...context, flow: undefined }), []);
  const inTree = run([{ type: 'openConnection', flow: 3 }, { type: 'focus', pane: 'tree' }]);
  const row = treeRows([branch('Record', [leaf('Length', '5')])], new Map())[0];
  t.deepEqual(actionsFor('open', inTree, { ...context, treeRow: row }), [{ type: 'setNode', id: '0', open: false }]);
  t.deepEqual(actionsFor('expand', inTree, { ...context, treeRow: row }), [], 'already open');
  t.deepEqual(actionsFor('hex', initialState(), context), [{ type: 'openConnection', flow: 3 }, { type: 'toggleHex' }]);
});
