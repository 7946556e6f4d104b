// Work: one task of an exchange, as tracked from its submission until its result arrives.
import type { Channel } from '../channel/channel.js';
import type { AnyCallable } from '../process/callable.js';

/** Work for a process: what to call, with what, and its position among the tasks started. */
export interface Work {
  callable: AnyCallable | undefined;
  args: unknown[];
  index: number;
  /** How many times it has been started. */
  attempts: number;
  /** Whether its result has arrived. */
  delivered: boolean;
  /** Whether its process stays to run the exchange's next work of the same callable (see `reuse`). */
  reused?: boolean;
  /** Starts a process for the work; by default `start(callable, ...args)`. */
  launch?: (work: Work) => Channel;
}
