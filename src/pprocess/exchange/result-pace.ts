// How long an exchange's tasks take, as measured from outside: the time
// between two results of one process, which was given its next task ahead
// and so started it as it sent the last result.
import type { Channel } from '../channel/channel.js';

// How much each new measure counts.
const SMOOTHING = 0.3;

/** A running estimate of the time an item takes, from the results' arrival. */
export class ResultPace {
  /** Milliseconds per item; unknown until a process has sent two results. */
  msPerItem: number | undefined;
  #lastResultAt = new WeakMap<Channel, number>();

  /** A result for `count` items arrived from the process on `channel`. */
  arrived(channel: Channel, count: number): void {
    const now = performance.now();
    const last = this.#lastResultAt.get(channel);
    this.#lastResultAt.set(channel, now);
    if (last === undefined || count === 0) return;
    const measured = (now - last) / count;
    this.msPerItem = this.msPerItem === undefined ? measured : this.msPerItem + SMOOTHING * (measured - this.msPerItem);
  }

  /** How many items fit in `targetMs`, from 1 (or `least`) up to `most`; `least` while unknown. */
  fit(targetMs: number, least: number, most: number): number {
    if (this.msPerItem === undefined) return Math.min(least, most);
    const fit = Math.floor(targetMs / Math.max(this.msPerItem, 1e-6));
    return Math.min(most, Math.max(least, fit));
  }
}
