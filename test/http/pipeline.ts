/** HTTP exchanges of a capture through the real pipeline (capture, TCP, TLS decryption). */
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import { HttpAnalyzer } from '../../dissect/http/analyzer.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';

/** In the order their first bytes were captured (requests first, responses without one by theirs). */
export async function exchangesOf(file: string, secrets: SecretOptions = {}): Promise<HttpExchange[]> {
  const decryption = await DecryptionContext.create(secrets);
  const out: HttpExchange[] = [];
  await analyze(file, new HttpAnalyzer((e) => out.push(e), { keepBodies: true }), { decryption });
  const first = (e: HttpExchange): number => e.request?.firstFrame ?? e.response?.firstFrame ?? 0;
  return out.sort((a, b) => first(a) - first(b));
}
