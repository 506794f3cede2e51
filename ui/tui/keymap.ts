/**
 * The key map, as data: each binding names its keys (Ink's input string or a named key), the
 * command it runs, what the help overlay says and the views where it applies. Help is generated
 * from this table and key handling reads only this table.
 */
import type { Key } from 'ink';
import { wheelOf, type WheelDirection } from './mouse.js';
import type { View } from './state/view-state.js';

export type Command =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'open' | 'expand' | 'collapse' | 'back' | 'nextPane'
  | 'filter' | 'follow' | 'hex' | 'ladder' | 'explain' | 'playback' | 'toggle' | 'sort' | 'help' | 'quit';

/** A key: a printable input, one of Ink's named keys, or a turn of the mouse wheel. */
export type KeySpec = { readonly input: string } | { readonly named: NamedKey } | { readonly wheel: WheelDirection };

export type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete' | 'tab';

export interface Binding {
  readonly keys: readonly KeySpec[];
  readonly command: Command;
  readonly description: string;
  /** Views where the binding applies; every view when absent. */
  readonly views?: readonly View[];
}

const input = (text: string): KeySpec => ({ input: text });
const named = (key: NamedKey): KeySpec => ({ named: key });
const wheel = (direction: WheelDirection): KeySpec => ({ wheel: direction });

const LISTS: readonly View[] = ['connections', 'packets', 'follow', 'ladder', 'explain'];

export const KEYMAP: readonly Binding[] = [
  { keys: [named('upArrow'), input('k'), wheel('up')], command: 'up', description: 'move up', views: LISTS },
  { keys: [named('downArrow'), input('j'), wheel('down')], command: 'down', description: 'move down', views: LISTS },
  { keys: [named('pageUp')], command: 'pageUp', description: 'page up', views: LISTS },
  { keys: [named('pageDown')], command: 'pageDown', description: 'page down', views: LISTS },
  { keys: [input('g'), named('home')], command: 'top', description: 'go to the top', views: LISTS },
  { keys: [input('G'), named('end')], command: 'bottom', description: 'go to the bottom', views: LISTS },
  { keys: [named('return')], command: 'open', description: 'open the connection, the packet, or expand/collapse a tree node' },
  { keys: [named('rightArrow')], command: 'expand', description: 'expand the tree node', views: ['packets'] },
  { keys: [named('leftArrow')], command: 'collapse', description: 'collapse the tree node', views: ['packets'] },
  { keys: [named('escape'), named('backspace'), named('delete')], command: 'back', description: 'go back' },
  { keys: [named('tab')], command: 'nextPane', description: 'next pane (packets, detail, hex)', views: ['packets'] },
  { keys: [input('/')], command: 'filter', description: 'display filter (as -Y)' },
  { keys: [input('f')], command: 'follow', description: 'follow the decrypted conversation' },
  { keys: [input('x')], command: 'hex', description: 'show or hide the hex pane' },
  { keys: [input('l')], command: 'ladder', description: 'handshake ladder' },
  { keys: [input('e')], command: 'explain', description: 'explain the key schedule' },
  { keys: [input('p')], command: 'playback', description: 'play the ladder back at the captured pace', views: ['ladder'] },
  { keys: [input('t')], command: 'toggle', description: 'hex: ciphertext/plaintext · follow: ASCII/hex', views: ['packets', 'follow'] },
  { keys: [input('s')], command: 'sort', description: 'cycle the sort key', views: ['connections'] },
  { keys: [input('?')], command: 'help', description: 'this help' },
  { keys: [input('q')], command: 'quit', description: 'quit' },
];

const KEY_LABELS: Readonly<Record<NamedKey, string>> = {
  upArrow: '↑', downArrow: '↓', leftArrow: '←', rightArrow: '→', pageUp: 'PgUp', pageDown: 'PgDn', home: 'Home', end: 'End',
  return: 'Enter', escape: 'Esc', backspace: 'Backspace', delete: 'Del', tab: 'Tab',
};

export function keyLabel(spec: KeySpec): string {
  if ('wheel' in spec) return spec.wheel === 'up' ? 'wheel↑' : 'wheel↓';
  return 'input' in spec ? spec.input : KEY_LABELS[spec.named];
}

function matches(spec: KeySpec, text: string, key: Key): boolean {
  if ('wheel' in spec) return wheelOf(text) === spec.wheel;
  if ('input' in spec) return text === spec.input && !key.ctrl && !key.meta;
  return key[spec.named];
}

/** The command a key press runs in a view, if any. */
export function commandFor(text: string, key: Key, view: View): Command | undefined {
  for (const binding of KEYMAP) {
    if (binding.views !== undefined && !binding.views.includes(view)) continue;
    if (binding.keys.some((spec) => matches(spec, text, key))) return binding.command;
  }
  return undefined;
}

/** The help overlay's lines: keys, then what they do. */
export function helpLines(): Array<{ readonly keys: string; readonly description: string }> {
  return KEYMAP.map((b) => ({ keys: b.keys.map(keyLabel).join(' '), description: b.description }));
}
