// Adaptive chunks for Map.call(): the items of one call, handed to the
// exchange a chunk at a time, each chunk sized from how long items have
// taken so far, so that tiny items travel hundreds to a message while slow
// ones go one at a time (and their results stream as each is ready).
import type { Channel } from '../channel/channel.js';
import { ResultPace } from './result-pace.js';

// A chunk should take about this long: long enough that the cost of its
// message (tens of microseconds) is lost in it, short enough to stream.
const TARGET_CHUNK_MS = 2;

/** The items of one `Map.call()` not yet handed out, and what their timing says about the next chunk's size. */
export class ChunkFeed {
  /** The slot of the call's first item. */
  readonly firstSlot: number;
  readonly #items: unknown[];
  #next = 0;
  // How long an item takes; unknown at first, so the first go one at a time.
  readonly #pace = new ResultPace();
  readonly #processes: number;
  /** Chunks handed out whose results have not arrived. */
  outstanding = 0;

  /** `processes` is how many processes share the items (the exchange's limit). */
  constructor(items: unknown[], firstSlot: number, processes: number) {
    this.#items = items;
    this.firstSlot = firstSlot;
    this.#processes = processes;
  }

  /** Whether every item has been handed out. */
  get done(): boolean {
    return this.#next >= this.#items.length;
  }

  /** The next chunk, with the slot of its first item. */
  take(): { first: number; items: unknown[] } {
    const remaining = this.#items.length - this.#next;
    // Never more than a quarter of a process's fair share, so the last chunks still spread out.
    const most = Math.max(1, Math.ceil(remaining / (this.#processes * 4)));
    const size = this.#pace.fit(TARGET_CHUNK_MS, 1, most);
    const first = this.firstSlot + this.#next;
    const items = this.#items.slice(this.#next, this.#next + size);
    this.#next += size;
    this.outstanding++;
    return { first, items };
  }

  /**
   * A chunk of `count` items came back from the process on `channel`: the
   * time since its last result there is how long they took (it was given
   * them ahead, so it started them as it sent that result).
   */
  resultArrived(channel: Channel, count: number): void {
    this.outstanding--;
    this.#pace.arrived(channel, count);
  }

  /** A chunk came back without results (its process died, say). */
  failed(): void {
    this.outstanding--;
  }

  /** Hands out nothing more. */
  stop(): void {
    this.#next = this.#items.length;
  }
}
