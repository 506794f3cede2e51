/**
 * Unusable secret inputs (DESIGN.md "Errors and anomalies"): a key file, key log or option that
 * cannot be used at all throws one of these, and the CLI prints its message as one line (exit 2).
 * Messages name the file and the problem and never quote secret material or OpenSSL error stacks.
 */

export class SecretInputError extends Error {
  override readonly name: string = 'SecretInputError';
}

export class KeyFileError extends SecretInputError {
  override readonly name: string = 'KeyFileError';

  /** `problem` completes the sentence "Key file <path> ...", e.g. "does not exist". */
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`Key file ${path} ${problem}.`);
  }
}

/** Node's errno codes in words, for sentences like "cannot be read: permission denied". */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EMFILE: 'too many files are open',
};

/** A short reason for a failed file operation, without the stack or the syscall details. */
export function fileProblem(error: unknown): string {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code === undefined) return 'an unexpected error';
  return FILE_PROBLEMS[code] ?? code;
}

/** True when a node:fs error says the path does not exist. */
export function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
