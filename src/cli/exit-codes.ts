// The command's exit codes, one per kind of failure, so scripts can tell
// a typo from a broken scene from a full disk.
import { RaytracerError } from '../raytracer/errors.js';

/** Exit codes of the command line. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The render itself failed (a created process died, a bug). */
  failure: 1,
  /** A bad option or argument: unknown strategy or format, a number out of range. */
  usage: 2,
  /** The scene file is missing, unreadable, not JSON, or not a valid scene. */
  scene: 3,
  /** The image could not be written. */
  output: 4,
  /** Interrupted by Ctrl-C (SIGINT), as a shell reports a process ended by it: 128 + 2. */
  interrupted: 130,
} as const;

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command was stopped by Ctrl-C before it wrote anything (exit code 130). */
export class InterruptedError extends Error {
  readonly code = 'ERR_INTERRUPTED';

  constructor(what: string, options?: ErrorOptions) {
    super(`Interrupted: ${what}`, options);
    this.name = 'InterruptedError';
  }
}

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof InterruptedError) return ExitCode.interrupted;
  if (error instanceof RaytracerError) {
    switch (error.code) {
      case 'ERR_SCENE_NOT_FOUND':
      case 'ERR_SCENE_READ':
      case 'ERR_SCENE_SYNTAX':
      case 'ERR_INVALID_SCENE':
        return ExitCode.scene;
      case 'ERR_UNKNOWN_STRATEGY':
      case 'ERR_UNKNOWN_FORMAT':
        return ExitCode.usage;
      case 'ERR_OUTPUT_WRITE':
        return ExitCode.output;
      default:
        return ExitCode.failure;
    }
  }
  return ExitCode.failure;
}
