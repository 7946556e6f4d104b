// One task's share of a pooled process's socket: the task's channel talks
// over it from the task's run request until the task is done.
import type { Frame } from '../codec/frame-codec.js';
import { Kind } from '../channel/protocol.js';
import type { Link, LinkEvents } from '../channel/link.js';
import type { SocketLink } from '../channel/socket-link.js';

/** What a session link needs of the process it is on. */
export interface SessionHost {
  /** The process's own link. */
  readonly link: SocketLink;
  /** The task's channel was closed before the task was done. */
  abandon(): void;
  /** Whether the task's channel needs the event loop kept alive. */
  keepAlive(alive: boolean): void;
  /** The task was told it is cancelled: whatever it does next, its process is not used again. */
  aborted?(): void;
}

/** The link of one task's channel: the process's link while the task runs, nothing after. */
export class SessionLink implements Link {
  readonly #host: SessionHost;
  #events: LinkEvents | undefined;
  #open = true;

  constructor(host: SessionHost) {
    this.#host = host;
  }

  /** Whether the task still runs. */
  get open(): boolean {
    return this.#open;
  }

  get current(): object | undefined {
    return this.#open ? this.#host.link.current : undefined;
  }

  get maxFrameBytes(): number {
    return this.#host.link.maxFrameBytes;
  }

  listen(events: LinkEvents): void {
    this.#events = events;
  }

  write(kind: number, body?: Uint8Array, now?: boolean): void {
    if (!this.#open) return;
    if (kind === Kind.abort) this.#host.aborted?.();
    this.#host.link.write(kind, body, now);
  }

  flush(): Promise<void> {
    return this.#host.link.flush();
  }

  pause(): void {
    if (this.#open) this.#host.link.pause();
  }

  resume(): void {
    if (this.#open) this.#host.link.resume();
  }

  end(): void {
    if (this.#open) this.#host.abandon();
  }

  keepAlive(alive: boolean): void {
    if (this.#open) this.#host.keepAlive(alive);
  }

  /** Hands a frame from the peer to the task's channel. */
  deliver(frame: Frame): void {
    if (this.#open) this.#events?.frame(frame, this.#host.link.current!);
  }

  /** The peer broke the protocol. */
  breakWith(error: Error): void {
    if (this.#open) this.#events?.broken(error);
  }

  /**
   * The task is over. `flushed`: its end was orderly and the peer got
   * everything written, so sends waiting for acknowledgement succeed.
   */
  finish(flushed: boolean): void {
    if (!this.#open) return;
    this.#open = false;
    this.#host.link.resume();
    this.#events?.closed(flushed);
  }
}
