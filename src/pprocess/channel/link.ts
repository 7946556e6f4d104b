// What a channel talks over: a socket of its own, or one task's share of a
// pooled process's socket (see process/session-link.ts).
import type { Frame } from '../codec/frame-codec.js';

/** What a link tells its channel. */
export interface LinkEvents {
  /** A whole frame arrived over the connection `from`; throwing makes the frame a protocol error. */
  frame(frame: Frame, from: object): void;
  /** The peer broke the protocol; its connection has been dropped already. */
  broken(error: Error): void;
  /**
   * The connection closed. `flushed` says the peer is still there and got
   * everything written so far in order (a pooled task's end): sends waiting
   * for an acknowledgement succeed instead of failing.
   */
  closed(flushed?: boolean): void;
}

/** The transport under a `Channel`. */
export interface Link {
  /** The current connection (an identity for acknowledgements); none while disconnected. */
  readonly current: object | undefined;
  /** The largest frame the peer accepts (both ends read the same limit). */
  readonly maxFrameBytes: number;
  /** Starts telling `events` what happens. Called once, by the channel. */
  listen(events: LinkEvents): void;
  /**
   * Writes one frame; frames written before the writer yields leave
   * together. With `now`, it and those before it leave at once.
   */
  write(kind: number, body?: Uint8Array, now?: boolean): void;
  /** Resolves when everything written so far has been handed to the OS. */
  flush(): Promise<void>;
  /** Stops reading, so that unread messages stop piling up; `resume()` reads again. */
  pause(): void;
  resume(): void;
  /** Ends the connection once what was written has left. */
  end(): void;
  /** Lets the connection keep the event loop alive, or not. */
  keepAlive(alive: boolean): void;
}
