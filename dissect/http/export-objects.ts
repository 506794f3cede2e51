/**
 * Wireshark's File > Export Objects > HTTP as a consumer of the same single analyze() pass: every
 * response body, decoded, written to a directory under a name taken from the request path
 * (sanitised, and made unique the way browsers do: "index.html", "index (1).html", ...).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HttpAnalyzer, type HttpAnalyzerOptions } from './analyzer.js';
import type { HttpExchange } from './exchange.js';

export interface ExportedObject {
  /** File name inside the export directory. */
  readonly file: string;
  readonly stream: number;
  readonly http2Stream: number | null;
  readonly path: string | null;
  readonly contentType: string | null;
  readonly size: number;
}

/** Longest file name kept, in characters, before the extension and the uniqueness suffix. */
const MAX_NAME = 100;

/** The last path segment, percent-decoded, with anything a file system might object to replaced. */
export function objectFileName(requestPath: string | null): string {
  const bare = (requestPath ?? '').split(/[?#]/)[0] ?? '';
  const segment = bare.slice(bare.lastIndexOf('/') + 1);
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape is kept as written.
  }
  const clean = decoded.replace(/[^A-Za-z0-9._ ()+,=@-]/g, '_').replace(/^\.+/, '_').slice(0, MAX_NAME).trim();
  return clean === '' ? 'index.html' : clean;
}

/** "name.ext", then "name (1).ext", "name (2).ext", ... */
export function uniqueName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Writes the response bodies of exchanges into one directory. */
class ObjectWriter {
  readonly written: ExportedObject[] = [];
  private readonly taken = new Set<string>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(exchange: HttpExchange): void {
    const body = exchange.response?.body;
    if (body === undefined || body === null || body.length === 0) return;
    // Files already in the directory are not overwritten.
    const file = uniqueName(objectFileName(exchange.path), (name) => this.taken.has(name) || existsSync(path.join(this.dir, name)));
    this.taken.add(file);
    writeFileSync(path.join(this.dir, file), body);
    this.written.push({ file, stream: exchange.stream, http2Stream: exchange.http2Stream, path: exchange.path, contentType: exchange.response?.contentType ?? null, size: body.length });
  }
}

/** An HttpAnalyzer (so the same analyze() listener) that keeps bodies and writes each response's out. */
export class HttpObjectExporter extends HttpAnalyzer {
  /** Files written so far, in the order exchanges completed. */
  readonly written: readonly ExportedObject[];

  constructor(dir: string, options: Omit<HttpAnalyzerOptions, 'keepBodies'> = {}) {
    const writer = new ObjectWriter(dir);
    super((exchange) => writer.write(exchange), { ...options, keepBodies: true });
    this.written = writer.written;
  }
}

/** For `keyhole export --http DIR`: a listener to pass to analyze() beside the others. */
export function exportHttpObjects(dir: string, options: Omit<HttpAnalyzerOptions, 'keepBodies'> = {}): HttpObjectExporter {
  return new HttpObjectExporter(dir, options);
}
