/**
 * Display filter errors as values with a position, printed the way Wireshark 4.0 prints them:
 * the filter, then a caret (and tildes) under the offending characters; an unknown field name
 * comes with the nearest known name.
 */

export class FilterError extends Error {
  constructor(
    message: string,
    /** 1-based column of the first offending character. */
    readonly column: number,
    /** How many characters to underline. */
    readonly length: number = 1,
    /** A known field name close to an unknown one. */
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

/** The message, the filter, and a marker line under the error's column. */
export function formatFilterError(filter: string, error: FilterError): string[] {
  const marker = `${' '.repeat(Math.max(0, error.column - 1))}^${'~'.repeat(Math.max(0, error.length - 1))}`;
  const lines = [error.message, `    ${filter}`, `    ${marker}`];
  if (error.suggestion !== undefined) lines.push(`Did you mean "${error.suggestion}"?`);
  return lines;
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest name, if it is close enough to be a plausible typo (a third of the name's length). */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
