/**
 * `npm start`, the README's main job: the bundled sample capture with its server key, in the
 * terminal UI when run in a terminal, as the `dissect` summary otherwise (piped, in CI).
 */
const sample = ['fixtures/captures/demo.pcapng', '--key', 'fixtures/captures/demo.key'];
const interactive = process.stdout.isTTY === true && process.stdin.isTTY === true;
process.argv.splice(2, process.argv.length, interactive ? 'ui' : 'dissect', ...sample);
await import('./main.js');
