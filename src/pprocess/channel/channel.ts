// A channel: a two-way, acknowledged message stream between a creating and a
// created process, over a socket.
import { Socket } from 'node:net';
import type { Frame } from '../codec/frame-codec.js';
import { ChannelClosedError, RemoteError, type SerializedError } from '../errors.js';
import type { ChannelOptions } from './channel-options.js';
import { closeReason } from './close-reason.js';
import { Inbox, type Received } from './inbox.js';
import type { Link } from './link.js';
import { Outbox } from './outbox.js';
import { Peer } from './peer.js';
import { ProcessWatch, type ExitStatus, type ProcessHandle } from './process-watch.js';
import { Kind } from './protocol.js';
import { SocketLink } from './socket-link.js';
import { Mailbox } from './waiters.js';
import { assertCloneable, decodeValue, encodeValue } from './wire-value.js';

export type { ChannelOptions } from './channel-options.js';
export type { ExitStatus } from './process-watch.js';

/**
 * One end of a channel. In the creator, `pid` is the created process's pid;
 * in the created process it is 0 (as with `fork()`).
 *
 * `send()` resolves when the peer has taken the value with `receive()`, so a
 * process that sends and then exits loses nothing, and a slow consumer holds
 * back a fast producer.
 */
export class Channel {
  // The connection to the peer (none while a reconnectable channel waits for one).
  #link: Link;
  #peer: Peer;
  #process: ProcessHandle | undefined;

  #inbox: Inbox;
  #outbox: Outbox;
  // Run requests, for receiveControl().
  #controls = new Mailbox<Frame>(() => this.#updateRef());
  #watchers = new Set<() => void>();
  #holds = 0;

  #closedLocally = false;
  // Acknowledgements owed for messages taken, sent together at the end of the turn.
  #acksOwed = 0;
  #acksFrom: object | undefined;
  // Set when the socket has closed and the reason is known; then the channel has ended.
  #endError: Error | undefined;

  /** `connection` is the socket to the peer, or a `Link` that carries the channel's frames. */
  constructor(connection: Socket | Link | undefined, options: ChannelOptions) {
    this.#peer = new Peer(options.pid, options.address, () => this.#updateRef());
    this.#link = connection instanceof Socket || connection === undefined
      ? new SocketLink(connection, options.maxFrameBytes)
      : connection;
    this.#inbox = new Inbox(this.#link, (message) => this.#open(message), () => this.#updateRef());
    const { process: created } = options;
    if (created) {
      this.#process = 'closedEarly' in created ? created : new ProcessWatch(created, () => this.#updateRef());
    }
    this.#outbox = new Outbox(this.#link, options.reconnectable ?? false, () => this.#closedError(), () => this.#updateRef());
    if (!options.reconnectable && !connection) throw new TypeError('A channel needs a socket unless it is reconnectable');
    this.#link.listen({
      frame: (frame, from) => this.#onFrame(frame, from),
      // A peer that breaks the protocol loses its connection, not a reconnectable channel.
      broken: (error) => {
        if (!this.#outbox.reconnectable) this.#settle(error);
      },
      closed: (flushed) => this.#onSocketClosed(flushed ?? false),
    });
    this.#updateRef();
  }

  /** The created process's pid in the creator; 0 in the created process. */
  get pid(): number {
    return this.#peer.pid;
  }

  /** Sends a value; resolves when the peer has received it. */
  send(value: unknown): Promise<void> {
    try {
      assertCloneable(value, 'value');
      return this.#outbox.send(Kind.data, encodeValue(value));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Resolves with the next value from the peer. Rejects with a `RemoteError`
   * if the peer's callable threw, a `ProcessExitError` if the created process
   * died, or a `ChannelClosedError` once the channel has closed.
   */
  receive<T = unknown>(): Promise<T> {
    return this.#inbox.receive(() => this.#closedError()) as Promise<T>;
  }

  /** Closes the channel. Pending operations reject with `ChannelClosedError`. */
  close(): void {
    if (this.#closedLocally) return;
    // What was taken is acknowledged first: a reconnectable peer must not send it again.
    this.#sendAcks();
    this.#closedLocally = true;
    this.#link.end();
    this.#settle(new ChannelClosedError('The channel was closed'));
  }

  /** Resolves when the created process has exited (at once in the created process). */
  wait(): Promise<ExitStatus> {
    return this.#process ? this.#process.exited() : Promise.resolve({ exitCode: null, signal: null });
  }

  /** Closes the channel (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /**
   * In a created process: aborts when the creator cancels the work (an
   * `AbortSignal` given to its exchange fired), so the task can clean up
   * before its process is ended.
   */
  get signal(): AbortSignal {
    return this.#peer.signal;
  }

  /** Whether the channel was closed or has ended. */
  get closed(): boolean {
    return this.#closedError() !== undefined;
  }

  /** Whether a value (or error) is waiting to be received. */
  get readable(): boolean {
    return this.#inbox.length > 0;
  }

  /** Whether the channel has closed and nothing is left to receive. */
  get ended(): boolean {
    return this.#endError !== undefined && this.#inbox.length === 0;
  }

  /** Why the channel ended: a `ProcessExitError` if the created process died. */
  get endError(): Error | undefined {
    return this.#endError;
  }

  /** Whether the created process said it finished normally. */
  get finished(): boolean {
    return this.#peer.finished;
  }

  /** The created process's exit status, once known. */
  get exitStatus(): ExitStatus | undefined {
    return this.#process?.status;
  }

  /** @internal Whether a peer is connected (always, but for a reconnectable channel between peers). */
  get connected(): boolean {
    return this.#link.current !== undefined && !this.#closedError();
  }

  /**
   * @internal Gives a reconnectable channel its next peer: greets it with
   * this process's pid, then sends again every frame the last peer did not
   * acknowledge, in order. Messages received from the last peer stay
   * receivable, but are not acknowledged to the new one.
   */
  attach(socket: Socket): void {
    if (!this.#outbox.reconnectable) throw new TypeError('Only a reconnectable channel can attach a new connection');
    if (this.#link.current) throw new TypeError('The channel already has a connection: wait until it drops');
    if (this.#closedError()) {
      socket.destroy();
      return;
    }
    (this.#link as SocketLink).connect(socket);
    this.#link.write(Kind.hello, encodeValue({ pid: process.pid }));
    this.#outbox.resend();
    this.#updateRef();
    this.#notify();
  }

  /**
   * @internal Resolves when the created process has reached `stage`: `ready`
   * (it is up and waits for its run request) or `started` (its task runs).
   * Rejects if the channel ends first.
   */
  reached(stage: 'ready' | 'started'): Promise<void> {
    return this.#peer.reached(stage, () => this.#closedError());
  }

  /** @internal Resolves when the peer has greeted this end (see `attach()`); rejects if the channel ends first. */
  greeting(): Promise<void> {
    return this.#peer.reached('hello', () => this.#closedError());
  }

  /** @internal Calls `listener` whenever a message arrives or the channel ends. */
  watch(listener: () => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /** @internal Keeps the event loop alive while someone waits on this channel. */
  hold(): () => void {
    this.#holds++;
    this.#updateRef();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      this.#updateRef();
    };
  }

  /**
   * @internal Sends a value at once, throwing (rather than rejecting) if it
   * cannot be sent; the promise resolves when the peer has received it.
   */
  sendNow(value: unknown): Promise<void> {
    assertCloneable(value, 'value');
    return this.#outbox.send(Kind.data, encodeValue(value));
  }

  /** @internal How many more tasks the process behind this channel may run (see `maxTasksPerProcess`). */
  get tasksLeft(): number {
    return this.#process?.tasksLeft ?? Infinity;
  }

  /** @internal Counts one more task given to the process behind this channel. */
  noteTask(): void {
    this.#process?.noteTask?.();
  }

  /** @internal Writes now the acknowledgements owed for messages taken this turn. */
  acknowledgeTaken(): void {
    this.#sendAcks();
  }

  /** @internal Sends a control frame (run, done, abort) or a thrown error. */
  sendControl(kind: number, body?: Uint8Array): void {
    this.#outbox.write(kind, body);
  }

  /** @internal Sends a thrown error; resolves when the peer has received it. */
  sendError(error: SerializedError): Promise<void> {
    try {
      return this.#outbox.send(Kind.error, encodeValue(error));
    } catch (failure) {
      return Promise.reject(failure);
    }
  }

  /**
   * @internal Tells the created process that its work was cancelled. A
   * background process is not told: it outlives the clients that give up on it.
   */
  abort(reason: unknown): void {
    if (this.#peer.address !== undefined) return;
    if (!this.closed) this.#outbox.write(Kind.abort, encodeValue(reason instanceof Error ? reason.message : String(reason)));
  }

  /** @internal Resolves with the next control frame (run). */
  receiveControl(): Promise<Frame> {
    return this.#controls.take(() => this.#closedError());
  }

  /**
   * @internal Resolves once the peer has received every value sent so far,
   * including sends nobody awaited (or once the channel has ended). A
   * process must not exit before: its creator acknowledges each value it
   * takes, and an acknowledgement written to a closed socket fails (EPIPE),
   * which destroys the creator's socket with values still unread in it.
   */
  allAcknowledged(): Promise<void> {
    return this.#outbox.allAcknowledged();
  }

  /** @internal Resolves when everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    return this.#link.flush();
  }

  /** @internal Ends the created process (in the creator). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.#process?.kill(signal);
  }

  // Acknowledges a message as receive() takes it (only to the connection it
  // came on: a new peer owes nothing for it), and gives its value.
  #open(message: Received): Promise<unknown> {
    if (!this.#closedError() && message.from === this.#link.current) this.#owe(message.from);
    if (message.kind === 'error') return Promise.reject(new RemoteError(message.error, this.pid || process.ppid));
    return Promise.resolve(message.value);
  }

  // Acknowledges a taken message, together with the others taken this turn.
  #owe(from: object): void {
    if (this.#acksOwed > 0 && from !== this.#acksFrom) this.#sendAcks();
    this.#acksFrom = from;
    // Before the taker's own code runs on, so that a process.exit() there
    // still finds it written (see SocketLink's exit hook).
    if (this.#acksOwed++ === 0) queueMicrotask(() => this.#sendAcks());
  }

  #sendAcks(): void {
    const count = this.#acksOwed;
    this.#acksOwed = 0;
    // Owed only to the connection the messages came on: a new peer owes nothing for them.
    if (count === 0 || this.#acksFrom !== this.#link.current || this.#closedError()) return;
    const body = Buffer.allocUnsafe(4);
    body.writeUInt32BE(count, 0);
    // At once: the sender may be waiting on it while this process computes.
    this.#outbox.write(Kind.ack, body, true);
  }

  #onFrame(frame: Frame, from: object): void {
    switch (frame.kind) {
      case Kind.ack:
        this.#outbox.acknowledge(frame.body.length >= 4 ? frame.body.readUInt32BE(0) : 1);
        return;
      case Kind.data:
        this.#deliver({ kind: 'data', value: decodeValue(frame.body), bytes: frame.body.length, from });
        return;
      case Kind.error:
        this.#deliver({ kind: 'error', error: decodeValue(frame.body) as SerializedError, bytes: frame.body.length, from });
        return;
      case Kind.run:
        this.#controls.put(frame);
        return;
      default:
        // The rest say something about the peer itself.
        if (!this.#peer.hear(frame)) throw new Error(`unknown frame kind ${frame.kind}`);
    }
  }

  #deliver(message: Received): void {
    this.#inbox.deliver(message);
    this.#notify();
  }

  #onSocketClosed(flushed: boolean): void {
    if (this.#endError) return;
    // The peer got everything, in order: the sends waiting on it succeed.
    if (flushed) this.#outbox.resolveAll();
    if (this.#outbox.reconnectable && !this.#closedLocally) {
      // The peer went away: wait for the next one (see attach()).
      (this.#link as SocketLink).disconnect();
      this.#updateRef();
      this.#notify();
      return;
    }
    const reason = closeReason(this.#peer, this.#process);
    // A created process that closed early is explained once its exit status is known.
    if (reason instanceof Promise) void reason.then((error) => this.#settle(error));
    else this.#settle(reason);
  }

  #settle(error: Error): void {
    if (this.#endError) return;
    this.#endError = error;
    this.#inbox.rejectAll(error);
    this.#outbox.rejectAll(error);
    this.#controls.rejectAll(error);
    this.#peer.rejectAll(error);
    this.#notify();
  }

  // The error for an operation that cannot proceed: the channel was closed here,
  // or has ended with nothing left to receive.
  #closedError(): Error | undefined {
    if (this.#closedLocally) return new ChannelClosedError('The channel was closed');
    return this.#endError;
  }

  #notify(): void {
    for (const watcher of this.#watchers) watcher();
  }

  // Keeps the event loop alive only while someone waits on this channel, so
  // idle channels never stop the creator from exiting.
  #updateRef(): void {
    const waiting = this.#holds + this.#inbox.waiting + this.#outbox.waiting +
      this.#controls.waiting + this.#peer.waiting > 0;
    this.#link.keepAlive(waiting);
    this.#process?.keepAlive(this.#process.waiting);
  }
}
