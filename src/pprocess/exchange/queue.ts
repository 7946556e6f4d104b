// Queue: an exchange whose results are consumed in the order they arrive.
import type { Channel } from '../channel/channel.js';
import { Exchange, type ExchangeOptions } from './exchange.js';

/**
 * An exchange that makes the values sent by its processes available in
 * arrival order: `for await (const value of queue)`.
 */
export class Queue<T = unknown> extends Exchange implements AsyncIterable<T> {
  #values: T[] = [];

  constructor(options: ExchangeOptions = {}) {
    super(options);
  }

  /** The number of values received and not yet consumed. */
  get length(): number {
    return this.#values.length;
  }

  override async storeData(channel: Channel): Promise<void> {
    this.#values.push(await channel.receive<T>());
  }

  /** Yields each value as it arrives, until every process has finished. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.#values.length > 0) yield this.#values.shift()!;
      else if (this.unfinished()) await this.store();
      else {
        this.throwIfAborted();
        return;
      }
    }
  }
}
