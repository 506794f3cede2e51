/** Tables on a terminal: cli-table3 with compact borders; colour only when stdout is a TTY. */
import Table from 'cli-table3';

export function renderTable(head: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>, rightAligned: ReadonlySet<number> = new Set()): string {
  const table = new Table({
    head: [...head],
    style: { head: process.stdout.isTTY && process.env['NO_COLOR'] === undefined ? ['cyan'] : [], border: [], compact: true },
    colAligns: head.map((_, i) => (rightAligned.has(i) ? 'right' : 'left')),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) table.push(row.map(String));
  return table.toString();
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}
