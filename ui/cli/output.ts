/** Output helpers: one place that writes to stdout, so a closed pipe (`| head`) ends quietly. */

export function writeLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
