// Ctrl-C during a long command: cancel the work cleanly (its processes
// ended, nothing half-written) and say so, instead of dying with only "^C".
import { ExitCode, InterruptedError } from './exit-codes.js';

/**
 * Runs `work` with a signal that the first SIGINT aborts; if it was
 * interrupted, rejects with an `InterruptedError` saying `what` (e.g. "no
 * image written"). A second SIGINT exits at once, for work that will not stop.
 */
export async function interruptible<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw new InterruptedError(what, { cause: error });
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
