/** ANSI colour, only on a terminal and never with NO_COLOR (https://no-color.org). */

const enabled = (): boolean => process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;

function paint(code: number): (text: string) => string {
  return (text) => (enabled() ? `\u001b[${code}m${text}\u001b[0m` : text);
}

export const color = {
  bold: paint(1),
  dim: paint(2),
  red: paint(31),
  green: paint(32),
  yellow: paint(33),
  blue: paint(34),
  cyan: paint(36),
} as const;
