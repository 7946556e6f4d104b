// The options shared by Exchange, Queue, Map and pmap, and their validation
// at the public boundary.
import type { Channel } from '../channel/channel.js';

/** Options of an `Exchange` (and of `Queue`, `Map` and `pmap`). */
export interface ExchangeOptions {
  /** Channels to watch from the start. */
  channels?: Iterable<Channel>;
  /** The most processes running at once (a positive integer); no limit when omitted. */
  limit?: number;
  /** Keep processes alive and send them the next queued arguments; `null` ends them. */
  reuse?: boolean;
  /** A process may send many values; queued work starts when a process ends. */
  continuous?: boolean;
  /** Close channels when they are removed (default `true`). */
  autoclose?: boolean;
}

/** Throws a `TypeError` or `RangeError` for an option of the wrong type or out of range. */
export function validateExchangeOptions(options: ExchangeOptions, api: string): void {
  if (typeof options !== 'object' || options === null) {
    throw invalid(new TypeError(`${api}: options must be an object, got ${options === null ? 'null' : typeof options}`));
  }
  const { limit } = options;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
    throw Object.assign(new RangeError(`${api}: limit must be a positive integer, got ${String(limit)}`), {
      code: 'ERR_OUT_OF_RANGE',
    });
  }
  for (const flag of ['reuse', 'continuous', 'autoclose'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw invalid(new TypeError(`${api}: ${flag} must be a boolean, got ${typeof options[flag]}`));
    }
  }
}

function invalid(error: TypeError): TypeError {
  return Object.assign(error, { code: 'ERR_INVALID_ARG_TYPE' });
}
