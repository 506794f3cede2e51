/**
 * Helpers of the registry tests: a table-driven name check, and the two reference tables they
 * compare against, Wireshark's value strings (`tshark -G values`, lines
 * "V<TAB>field<TAB>value<TAB>name") and OpenSSL's cipher list (`openssl ciphers -stdname -V`).
 * Both CLIs are optional; callers skip when they are absent.
 */
import type { ExecutionContext } from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Asserts that a name function prints each wire value as expected. */
export function expectNames(t: ExecutionContext, name: (value: number) => string, cases: ReadonlyArray<readonly [number, string]>): void {
  for (const [value, expected] of cases) t.is(name(value), expected, `value ${value}`);
}

function succeeds(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

export const hasTshark = succeeds('tshark', ['--version']);
export const hasOpenssl = succeeds('openssl', ['version']);

/** Wireshark's value -> name table of each requested field (e.g. "tls.handshake.ciphersuite"). */
export async function wiresharkValues(fields: readonly string[]): Promise<ReadonlyMap<string, ReadonlyMap<number, string>>> {
  const wanted = new Map(fields.map((field) => [field, new Map<number, string>()]));
  // The full dump is ~90 MB, so it is read line by line rather than buffered.
  const tshark = spawn('tshark', ['-G', 'values'], { stdio: ['ignore', 'pipe', 'ignore'] });
  for await (const line of createInterface({ input: tshark.stdout })) {
    const [kind, field, value, name] = line.split('\t');
    const table = field === undefined ? undefined : wanted.get(field);
    if (kind === 'V' && table !== undefined && value !== undefined && name !== undefined) {
      table.set(Number(value), name);
    }
  }
  return wanted;
}

export interface OpenSslCipher {
  readonly id: number;
  readonly name: string;
  readonly kx: string;
  readonly au: string;
  readonly enc: string;
  readonly mac: string;
}

const CIPHER_LINE = /^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- \S+\s+\S+\s+Kx=(\S+)\s+Au=(\S+)\s+Enc=(\S+)\s+Mac=(\S+)/;

/** Every suite this OpenSSL build knows, with its own Kx/Au/Enc/Mac vocabulary. */
export function openSslCiphers(): readonly OpenSslCipher[] {
  const listed = spawnSync('openssl', ['ciphers', '-stdname', '-V', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'], { encoding: 'utf8' });
  const ciphers: OpenSslCipher[] = [];
  for (const line of listed.stdout.split('\n')) {
    const match = CIPHER_LINE.exec(line);
    if (match === null) continue;
    const [, high = '', low = '', name = '', kx = '', au = '', enc = '', mac = ''] = match;
    ciphers.push({ id: parseInt(high + low, 16), name, kx, au, enc, mac });
  }
  return ciphers;
}
