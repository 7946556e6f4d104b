// The other end of a channel as this end knows it from what it said: who it
// is, how far it has got, and whether it finished or cancelled the work.
import type { Frame } from '../codec/frame-codec.js';
import { AbortError } from '../errors.js';
import { Kind } from './protocol.js';
import { Milestones } from './waiters.js';
import { decodeValue } from './wire-value.js';

/** Points a peer reaches once each: its greeting (hello), its readiness, its task's start. */
export type Milestone = 'hello' | 'ready' | 'started';

/** What the peer has said about itself, from the frames that are not messages. */
export class Peer {
  #pid: number;
  readonly #address: string | undefined;
  #finished = false;
  readonly #milestones: Milestones<Milestone>;
  readonly #abortController = new AbortController();

  /**
   * `address` is a background process's, for a connection to one: only it
   * may greet. `onChange` is called when someone starts or stops waiting for
   * a milestone.
   */
  constructor(pid: number, address: string | undefined, onChange: () => void) {
    this.#pid = pid;
    this.#address = address;
    this.#milestones = new Milestones(onChange);
  }

  /** The created process's pid in the creator (a background process's from its greeting); 0 in the created process. */
  get pid(): number {
    return this.#pid;
  }

  /** The background process's address, for a connection to one. */
  get address(): string | undefined {
    return this.#address;
  }

  /** Whether the peer said it finished normally. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Aborts when the peer cancels the work. */
  get signal(): AbortSignal {
    return this.#abortController.signal;
  }

  /** How many promises wait for a milestone. */
  get waiting(): number {
    return this.#milestones.waiting;
  }

  /** Resolves once the peer reaches `name`; rejects with `closedError()` if it has not and the channel can no longer hear it. */
  reached(name: Milestone, closedError: () => Error | undefined): Promise<void> {
    const error = this.#milestones.has(name) ? undefined : closedError();
    return error ? Promise.reject(error) : this.#milestones.whenReached(name);
  }

  /** Takes in a frame about the peer (hello, ready, started, done, abort); false for any other kind. */
  hear(frame: Frame): boolean {
    switch (frame.kind) {
      case Kind.hello:
        if (this.#address === undefined) throw new Error('a greeting is only expected from a background process');
        this.#pid = (decodeValue(frame.body) as { pid: number }).pid;
        this.#milestones.reach('hello');
        return true;
      case Kind.done:
        this.#finished = true;
        return true;
      case Kind.ready:
      case Kind.started:
        this.#milestones.reach(frame.kind === Kind.ready ? 'ready' : 'started');
        return true;
      case Kind.abort:
        this.#abortController.abort(new AbortError(decodeValue(frame.body)));
        return true;
      default:
        return false;
    }
  }

  /** Rejects every wait for a milestone. */
  rejectAll(error: Error): void {
    this.#milestones.rejectAll(error);
  }
}
