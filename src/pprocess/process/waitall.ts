// waitall: wait for every created process to exit.
import { waitForAll } from './registry.js';

/** Resolves when every process created by this process (but background ones) has exited. */
export function waitall(): Promise<void> {
  return waitForAll();
}
