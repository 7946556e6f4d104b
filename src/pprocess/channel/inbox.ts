// The messages a channel has received and `receive()` has not taken yet, with
// the `receive()` calls waiting for one, and the backpressure on its socket.
import type { InboxMessage } from './protocol.js';
import type { Link } from './link.js';
import { Waiters } from './waiters.js';

/** A received message, with the connection it came on: its acknowledgement is owed to that connection only. */
export type Received = InboxMessage & { from: object };

// Above this many unread bytes the channel stops reading its socket, so a
// producer that does not wait for acknowledgements cannot fill the memory.
const HIGH_WATER_BYTES = 16 * 1024 * 1024;

/** Received messages in order, each handed to the oldest waiting `receive()` or kept for the next. */
export class Inbox {
  #messages: Received[] = [];
  #bytes = 0;
  readonly #receivers: Waiters<unknown>;
  readonly #link: Link;
  readonly #open: (message: Received) => Promise<unknown>;

  /**
   * `open` acknowledges a message as it is taken and gives its value (or
   * rejects with its error); `onChange` is called when a `receive()` starts
   * or stops waiting.
   */
  constructor(link: Link, open: (message: Received) => Promise<unknown>, onChange: () => void) {
    this.#link = link;
    this.#open = open;
    this.#receivers = new Waiters(onChange);
  }

  /** How many messages wait to be received. */
  get length(): number {
    return this.#messages.length;
  }

  /** How many `receive()` calls wait for a message. */
  get waiting(): number {
    return this.#receivers.length;
  }

  /**
   * The next message, opened; with none, a rejection with `closedError()`
   * if the channel can receive no more, or else the next to arrive.
   */
  receive(closedError: () => Error | undefined): Promise<unknown> {
    const message = this.#messages.shift();
    if (message) return this.#take(message);
    const error = closedError();
    if (error) return Promise.reject(error);
    return this.#receivers.wait();
  }

  /** Hands a message to the oldest waiting `receive()`, or keeps it. */
  deliver(message: Received): void {
    if (this.#receivers.length > 0) {
      // Never kept, so never counted: taking it must not lower the count.
      this.#receivers.settleNext(this.#open(message));
      return;
    }
    this.#messages.push(message);
    this.#bytes += message.bytes;
    if (this.#bytes > HIGH_WATER_BYTES) this.#link.pause();
  }

  /** Rejects every waiting `receive()`; kept messages stay receivable. */
  rejectAll(error: Error): void {
    this.#receivers.rejectAll(error);
  }

  #take(message: Received): Promise<unknown> {
    this.#bytes -= message.bytes;
    // Reading resumes at half the mark, so that it does not stop and start on every message.
    if (this.#bytes < HIGH_WATER_BYTES / 2) this.#link.resume();
    return this.#open(message);
  }
}
