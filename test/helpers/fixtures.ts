/** The committed fixture captures and their manifests (written by `npm run fixtures`). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from './shared.js';

export interface Digest {
  readonly sha256: string;
  readonly length: number;
}

export interface ManifestConnection {
  readonly index: number;
  readonly client: string;
  readonly server: string;
  readonly tcp: { readonly clientToServer: Digest; readonly serverToClient: Digest };
  readonly plaintext: { readonly clientToServer: Digest; readonly serverToClient: Digest };
  readonly tls: { readonly version: string; readonly cipherSuite: { readonly id: number; readonly iana: string }; readonly sni: string | null; readonly alpn: string | null; readonly resumed: boolean };
  readonly impairments: ReadonlyArray<{ readonly kind: string; readonly direction: string; readonly streamOffset: number; readonly length: number; readonly frame: number }>;
  readonly expectedDiagnostics: ReadonlyArray<{ readonly code: string; readonly frame: number }>;
}

export interface Manifest {
  readonly scenario: string;
  readonly files: { readonly captures: readonly string[]; readonly serverKey: string | null; readonly keyLog: string | null };
  readonly connections: readonly ManifestConnection[];
}

export const FIXTURE_DIR = repoPath('fixtures/captures');

export function manifests(): Manifest[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.manifest.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(FIXTURE_DIR, name), 'utf8')));
}

export function fixturePath(name: string): string {
  return path.join(FIXTURE_DIR, name);
}
