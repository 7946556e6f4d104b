// A channel: a two-way, acknowledged message stream between a creating and a
// created process, over a socket.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { encodeFrame, FrameDecoder, type Frame } from '../codec/frame-codec.js';
import {
  AbortError,
  BackgroundExitError,
  ChannelClosedError,
  ProtocolError,
  RemoteError,
  type SerializedError,
} from '../errors.js';
import { ProcessWatch, type ExitStatus } from './process-watch.js';
import { Kind, type InboxMessage } from './protocol.js';
import { Milestones, Waiters } from './waiters.js';
import { assertCloneable, decodeValue, encodeValue } from './wire-value.js';

export type { ExitStatus } from './process-watch.js';

// A received message, with the connection it came on: its acknowledgement
// is owed to that connection only.
type Received = InboxMessage & { from: Socket };

// A frame kept until the peer acknowledges it, to be sent again to the next
// peer if this one disconnects first.
interface Outgoing {
  kind: number;
  body: Uint8Array;
}

// Above this many unread bytes the channel stops reading its socket, so a
// producer that does not wait for acknowledgements cannot fill the memory.
const INBOX_HIGH_WATER_BYTES = 16 * 1024 * 1024;
const EMPTY = new Uint8Array(0);

/** Options for a channel over an existing socket. */
export interface ChannelOptions {
  /** The created process's pid (in the creator), or 0 (in the created process). */
  pid: number;
  /** The created process, in the creator: its exit status explains a channel that closed early. */
  process?: ChildProcess;
  /** Largest frame accepted from the peer. */
  maxFrameBytes?: number;
  /**
   * @internal A connection to the background process listening at this
   * address: its greeting gives `pid`, and it closing without saying it
   * finished is a `BackgroundExitError`.
   */
  address?: string;
  /**
   * @internal The channel outlives its peer: when the connection drops it
   * waits for `attach()` to give it the next one, sending again what the
   * last peer did not acknowledge. It starts with no peer.
   */
  reconnectable?: boolean;
}

/**
 * One end of a channel. In the creator, `pid` is the created process's pid;
 * in the created process it is 0 (as with `fork()`).
 *
 * `send()` resolves when the peer has taken the value with `receive()`, so a
 * process that sends and then exits loses nothing, and a slow consumer holds
 * back a fast producer.
 */
export class Channel {
  #pid: number;
  // The current connection; none while a reconnectable channel waits for a peer.
  #socket: Socket | undefined;
  // Whether the socket holds the event loop open (a new socket does).
  #socketHeld = true;
  #decoder: FrameDecoder;
  #maxFrameBytes: number | undefined;
  #address: string | undefined;
  // Reconnectable channels: sent frames the peer has not acknowledged, oldest first.
  #resend: Outgoing[] | undefined;
  // A peer's greeting (hello), its readiness and its task's start.
  #milestones = new Milestones<'hello' | 'ready' | 'started'>(() => this.#updateRef());
  #process: ProcessWatch | undefined;

  #inbox: Received[] = [];
  #inboxBytes = 0;
  #receivers = new Waiters<unknown>(() => this.#updateRef());
  #unacknowledged = new Waiters<void>(() => this.#updateRef());
  #controls: Frame[] = [];
  #controlWaiters = new Waiters<Frame>(() => this.#updateRef());
  #watchers = new Set<() => void>();
  #holds = 0;

  #abortController = new AbortController();
  #closedLocally = false;
  #doneReceived = false;
  // Set when the socket has closed and the reason is known; then the channel has ended.
  #endError: Error | undefined;

  constructor(socket: Socket | undefined, options: ChannelOptions) {
    this.#pid = options.pid;
    this.#maxFrameBytes = options.maxFrameBytes;
    this.#decoder = new FrameDecoder(options.maxFrameBytes);
    if (options.process) this.#process = new ProcessWatch(options.process, () => this.#updateRef());
    this.#address = options.address;
    if (options.reconnectable) this.#resend = [];
    else if (!socket) throw new TypeError('A channel needs a socket unless it is reconnectable');
    if (socket) this.#connect(socket);
    this.#updateRef();
  }

  /** The created process's pid in the creator; 0 in the created process. */
  get pid(): number {
    return this.#pid;
  }

  /** Sends a value; resolves when the peer has received it. */
  async send(value: unknown): Promise<void> {
    assertCloneable(value, 'value');
    await this.#sendFrame(Kind.data, encodeValue(value));
  }

  /**
   * Resolves with the next value from the peer. Rejects with a `RemoteError`
   * if the peer's callable threw, a `ProcessExitError` if the created process
   * died, or a `ChannelClosedError` once the channel has closed.
   */
  receive<T = unknown>(): Promise<T> {
    const message = this.#inbox.shift();
    if (message) return this.#take(message) as Promise<T>;
    const error = this.#closedError();
    if (error) return Promise.reject(error);
    return this.#receivers.wait() as Promise<T>;
  }

  /** Closes the channel. Pending operations reject with `ChannelClosedError`. */
  close(): void {
    if (this.#closedLocally) return;
    this.#closedLocally = true;
    this.#socket?.end();
    this.#socket?.destroySoon();
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
    return this.#abortController.signal;
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
    return this.#doneReceived;
  }

  /** The created process's exit status, once known. */
  get exitStatus(): ExitStatus | undefined {
    return this.#process?.status;
  }

  /** @internal Whether a peer is connected (always, but for a reconnectable channel between peers). */
  get connected(): boolean {
    return this.#socket !== undefined && !this.#closedError();
  }

  /**
   * @internal Gives a reconnectable channel its next peer: greets it with
   * this process's pid, then sends again every frame the last peer did not
   * acknowledge, in order. Messages received from the last peer stay
   * receivable, but are not acknowledged to the new one.
   */
  attach(socket: Socket): void {
    if (!this.#resend) throw new TypeError('Only a reconnectable channel can attach a new connection');
    if (this.#socket) throw new TypeError('The channel already has a connection: wait until it drops');
    if (this.#closedError()) {
      socket.destroy();
      return;
    }
    this.#decoder = new FrameDecoder(this.#maxFrameBytes);
    this.#connect(socket);
    this.#writeFrame(Kind.hello, encodeValue({ pid: process.pid }));
    for (const frame of this.#resend) this.#writeFrame(frame.kind, frame.body);
    this.#updateRef();
    this.#notify();
  }

  /**
   * @internal Resolves when the created process has reached `stage`: `ready`
   * (it is up and waits for its run request) or `started` (its task runs).
   * Rejects if the channel ends first.
   */
  reached(stage: 'ready' | 'started'): Promise<void> {
    const error = this.#milestones.has(stage) ? undefined : this.#closedError();
    return error ? Promise.reject(error) : this.#milestones.whenReached(stage);
  }

  /** @internal Resolves when the peer has greeted this end (see `attach()`); rejects if the channel ends first. */
  greeting(): Promise<void> {
    const error = this.#milestones.has('hello') ? undefined : this.#closedError();
    return error ? Promise.reject(error) : this.#milestones.whenReached('hello');
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
   * @internal Holds back what is written until the returned function is
   * called, so that frames written together (an acknowledgement and the
   * next message) leave in one system call.
   */
  batch(): () => void {
    const socket = this.#socket;
    if (!socket) return () => {};
    socket.cork();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      socket.uncork();
    };
  }

  /** @internal Sends a control frame (run, done, abort) or a thrown error. */
  sendControl(kind: number, body?: Uint8Array): void {
    this.#write(kind, body);
  }

  /** @internal Sends a thrown error; resolves when the peer has received it. */
  async sendError(error: SerializedError): Promise<void> {
    await this.#sendFrame(Kind.error, encodeValue(error));
  }

  /**
   * @internal Tells the created process that its work was cancelled. A
   * background process is not told: it outlives the clients that give up on it.
   */
  abort(reason: unknown): void {
    if (this.#address !== undefined) return;
    if (!this.closed) this.#write(Kind.abort, encodeValue(reason instanceof Error ? reason.message : String(reason)));
  }

  /** @internal Resolves with the next control frame (run). */
  receiveControl(): Promise<Frame> {
    const frame = this.#controls.shift();
    if (frame) return Promise.resolve(frame);
    const error = this.#closedError();
    if (error) return Promise.reject(error);
    return this.#controlWaiters.wait();
  }

  /** @internal Resolves when everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.destroyed || socket.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => socket.write(Buffer.alloc(0), () => resolve()));
  }

  /** @internal Ends the created process (in the creator). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.#process?.kill(signal);
  }

  async #sendFrame(kind: number, body: Uint8Array): Promise<void> {
    const acknowledged = this.#unacknowledged.wait();
    try {
      this.#write(kind, body);
    } catch (error) {
      this.#unacknowledged.dropLast();
      throw error;
    }
    await acknowledged;
  }

  // Writes a frame; a reconnectable channel keeps the frames that need an
  // acknowledgement until they get one, and between peers writes only those
  // (on attach): other frames are meant for the peer that has gone.
  #write(kind: number, body?: Uint8Array): void {
    const error = this.#closedError();
    if (error) throw error;
    if (this.#resend && (kind === Kind.data || kind === Kind.error)) this.#resend.push({ kind, body: body ?? EMPTY });
    if (this.#socket) this.#writeFrame(kind, body);
  }

  #writeFrame(kind: number, body?: Uint8Array): void {
    const socket = this.#socket!;
    const [header, payload] = encodeFrame(kind, body);
    socket.cork();
    socket.write(header);
    if (payload.byteLength) socket.write(payload);
    socket.uncork();
  }

  #take(message: Received): Promise<unknown> {
    this.#inboxBytes -= message.bytes;
    if (this.#socket?.isPaused() && this.#inboxBytes < INBOX_HIGH_WATER_BYTES / 2) this.#socket.resume();
    if (!this.#closedError() && message.from === this.#socket) this.#write(Kind.ack);
    if (message.kind === 'error') return Promise.reject(new RemoteError(message.error, this.pid || process.ppid));
    return Promise.resolve(message.value);
  }

  // Listens to a new connection; events from a connection that has since
  // been replaced are ignored.
  #connect(socket: Socket): void {
    this.#socket = socket;
    this.#socketHeld = true;
    socket.on('data', (chunk: Buffer) => {
      if (socket === this.#socket) this.#onData(chunk, socket);
    });
    socket.on('error', () => { /* the 'close' event that follows settles the channel */ });
    socket.on('close', () => {
      if (socket === this.#socket) this.#onSocketClosed();
    });
  }

  #onData(chunk: Buffer, from: Socket): void {
    let frames: Frame[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      this.#fail(error as ProtocolError);
      return;
    }
    for (const frame of frames) {
      try {
        this.#onFrame(frame, from);
      } catch (error) {
        this.#fail(new ProtocolError(`A frame of kind ${frame.kind} could not be decoded: ${(error as Error).message}`));
        return;
      }
    }
  }

  #onFrame(frame: Frame, from: Socket): void {
    switch (frame.kind) {
      case Kind.ack:
        this.#resend?.shift();
        this.#unacknowledged.resolveNext();
        return;
      case Kind.data:
        this.#deliver({ kind: 'data', value: decodeValue(frame.body), bytes: frame.body.length, from });
        return;
      case Kind.error:
        this.#deliver({ kind: 'error', error: decodeValue(frame.body) as SerializedError, bytes: frame.body.length, from });
        return;
      case Kind.hello:
        if (this.#address === undefined) throw new Error('a greeting is only expected from a background process');
        this.#pid = (decodeValue(frame.body) as { pid: number }).pid;
        this.#milestones.reach('hello');
        return;
      case Kind.done:
        this.#doneReceived = true;
        return;
      case Kind.ready:
      case Kind.started:
        this.#milestones.reach(frame.kind === Kind.ready ? 'ready' : 'started');
        return;
      case Kind.abort:
        this.#abortController.abort(new AbortError(decodeValue(frame.body)));
        return;
      case Kind.run:
        if (!this.#controlWaiters.resolveNext(frame)) this.#controls.push(frame);
        return;
      default:
        throw new Error(`unknown frame kind ${frame.kind}`);
    }
  }

  #deliver(message: Received): void {
    if (this.#receivers.length > 0) {
      this.#receivers.settleNext(this.#take(message));
    } else {
      this.#inbox.push(message);
      this.#inboxBytes += message.bytes;
      if (this.#inboxBytes > INBOX_HIGH_WATER_BYTES) this.#socket?.pause();
    }
    this.#notify();
  }

  #fail(error: Error): void {
    this.#socket?.destroy();
    // A peer that breaks the protocol loses its connection, not a reconnectable channel.
    if (!this.#resend) this.#settle(error);
  }

  #onSocketClosed(): void {
    if (this.#endError) return;
    if (this.#resend && !this.#closedLocally) {
      // The peer went away: wait for the next one (see attach()).
      this.#socket = undefined;
      this.#updateRef();
      this.#notify();
      return;
    }
    if (this.#address !== undefined) {
      this.#settle(this.#doneReceived
        ? new ChannelClosedError(`The background process ${this.pid} at ${this.#address} finished; nothing more can be sent or received`)
        : new BackgroundExitError(this.pid, this.#address));
      return;
    }
    if (this.#doneReceived || !this.#process) {
      const who = this.#process ? `Process ${this.pid} finished` : 'The creating process closed the channel';
      this.#settle(new ChannelClosedError(`${who}; nothing more can be sent or received`));
      return;
    }
    // The created process closed the channel without saying it finished:
    // report how it ended, once its exit status is known.
    void this.#process.closedEarly(this.pid).then((error) => this.#settle(error));
  }

  #settle(error: Error): void {
    if (this.#endError) return;
    this.#endError = error;
    this.#receivers.rejectAll(error);
    this.#unacknowledged.rejectAll(error);
    this.#controlWaiters.rejectAll(error);
    this.#milestones.rejectAll(error);
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
    const waiting = this.#holds + this.#receivers.length + this.#unacknowledged.length +
      this.#controlWaiters.length + this.#milestones.waiting > 0;
    // Only on a change, and only while the socket lives: Node defers ref()
    // and unref() on a socket without a handle to a 'connect' listener each.
    const socket = this.#socket;
    if (socket && !socket.destroyed && waiting !== this.#socketHeld) {
      this.#socketHeld = waiting;
      if (waiting) socket.ref();
      else socket.unref();
    }
    this.#process?.keepAlive(this.#process.waiting);
  }
}
