// What a channel sends: each message waits for the peer's acknowledgement,
// and a reconnectable channel keeps it until then, to send again to its next peer.
import { FrameTooLargeError } from '../errors.js';
import { Kind } from './protocol.js';
import type { Link } from './link.js';
import { Waiters } from './waiters.js';

// A frame kept until the peer acknowledges it.
interface Outgoing {
  kind: number;
  body: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** The frames a channel writes, and the sends that wait for their acknowledgement, oldest first. */
export class Outbox {
  readonly #link: Link;
  readonly #closedError: () => Error | undefined;
  readonly #unacknowledged: Waiters<void>;
  // Reconnectable channels: sent messages the peer has not acknowledged, oldest first.
  readonly #resend: Outgoing[] | undefined;
  // The acknowledgement of the newest send. They come in order: once it has
  // come, every send before it has been acknowledged too.
  #newest: Promise<void> = Promise.resolve();

  /**
   * `closedError` says why nothing more can be written, if so; `onChange`
   * is called when a send starts or stops waiting for its acknowledgement.
   */
  constructor(link: Link, reconnectable: boolean, closedError: () => Error | undefined, onChange: () => void) {
    this.#link = link;
    this.#closedError = closedError;
    this.#unacknowledged = new Waiters(onChange);
    if (reconnectable) this.#resend = [];
  }

  /** Whether messages are kept for the next peer (see `resend()`). */
  get reconnectable(): boolean {
    return this.#resend !== undefined;
  }

  /** How many sends wait for their acknowledgement. */
  get waiting(): number {
    return this.#unacknowledged.length;
  }

  /** Writes a message (data or error); resolves when the peer acknowledges it. */
  send(kind: number, body: Uint8Array): Promise<void> {
    this.write(kind, body);
    this.#newest = this.#unacknowledged.wait();
    return this.#newest;
  }

  /**
   * Resolves once the peer has acknowledged every send made so far, awaited
   * or not, or once none can be (the channel ended).
   */
  allAcknowledged(): Promise<void> {
    return this.#newest.catch(() => {});
  }

  /**
   * Writes a frame, or throws why the channel cannot. A reconnectable channel
   * keeps the messages until they are acknowledged, and between peers writes
   * only those (on `resend()`): other frames are meant for the peer that has gone.
   */
  write(kind: number, body?: Uint8Array, now?: boolean): void {
    const error = this.#closedError();
    if (error) throw error;
    // Refused here, where the cause is known, rather than by the peer's decoder.
    if (body && body.byteLength + 1 > this.#link.maxFrameBytes) throw new FrameTooLargeError(body.byteLength, this.#link.maxFrameBytes);
    if (this.#resend && (kind === Kind.data || kind === Kind.error)) this.#resend.push({ kind, body: body ?? EMPTY });
    this.#link.write(kind, body, now);
  }

  /** The peer took the `count` oldest messages. */
  acknowledge(count: number): void {
    for (let i = 0; i < count; i++) {
      this.#resend?.shift();
      if (!this.#unacknowledged.resolveNext()) return;
    }
  }

  /** Resolves every send still waiting: the peer has them all, though it will not acknowledge them. */
  resolveAll(): void {
    this.#unacknowledged.resolveAll();
  }

  /** Writes again, in order, every message the last peer did not acknowledge. */
  resend(): void {
    for (const frame of this.#resend ?? []) this.#link.write(frame.kind, frame.body);
  }

  /** Rejects every send still waiting for its acknowledgement. */
  rejectAll(error: Error): void {
    this.#unacknowledged.rejectAll(error);
  }
}
