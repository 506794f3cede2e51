/**
 * Unusable input is one clear line on stderr and exit code 2, never a stack trace (set
 * KEYHOLE_DEBUG=1 to see one). Anything else that escapes is a bug and says so.
 */
import { CaptureError } from '../../dissect/capture/types.js';
import { SecretInputError } from '../../dissect/secrets/errors.js';

/** An input or usage problem the user can fix; its message is the whole story. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Output that cannot be written (a full disk, a read-only folder): the message names the file. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

const USER_ERRORS: ReadonlyArray<new (message: string) => Error> = [CaptureError, SecretInputError, UsageError, OutputError];

/** An error raised in a worker thread, rebuilt by its class name so it exits the same way. */
export function errorNamed(name: string, message: string): Error {
  const kind = USER_ERRORS.find((k) => k.name === name);
  return kind === undefined ? new Error(message) : new kind(message);
}

export const EXIT_USAGE = 2;

export function isUserError(error: unknown): error is Error {
  return USER_ERRORS.some((kind) => error instanceof kind);
}

export function reportFatal(error: unknown): number {
  const debug = process.env['KEYHOLE_DEBUG'] === '1';
  if (isUserError(error)) {
    process.stderr.write(`keyhole: ${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`keyhole: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('keyhole: run again with KEYHOLE_DEBUG=1 to see where it happened, and please report it\n');
  return 70;
}
