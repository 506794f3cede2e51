/** The UI thread's side of the detail and filter passes: each runs on a worker and answers once. */
import type { SecretFlags } from '../../cli/secret-options.js';
import type { ConnectionDetail } from './connection-detail.js';
import { matchesOf, type FilterMatches } from './filter-matches.js';
import { passAnswer } from './pass-protocol.js';

export function detailLoader(path: string, secrets: SecretFlags): (flow: number) => Promise<ConnectionDetail> {
  return async (flow) => {
    const answer = await passAnswer({ kind: 'detail', path, secrets, flow });
    if (answer.kind === 'detail') return answer.detail;
    throw new Error(answer.kind === 'error' ? answer.message : `unexpected ${answer.kind} answer`);
  };
}

/** Undefined when the filter does not compile (the reducer has already shown why). */
export function filterRunner(path: string, secrets: SecretFlags): (text: string) => Promise<FilterMatches | undefined> {
  return async (text) => {
    const answer = await passAnswer({ kind: 'filter', path, secrets, text });
    if (answer.kind === 'filter') return answer.result === undefined ? undefined : matchesOf(answer.result);
    throw new Error(answer.kind === 'error' ? answer.message : `unexpected ${answer.kind} answer`);
  };
}
