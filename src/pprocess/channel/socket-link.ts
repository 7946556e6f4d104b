// A channel's connection to its peer over a socket: frames in and out, and
// whether the socket keeps the event loop alive.
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { encodeFrame, FrameDecoder, type Frame } from '../codec/frame-codec.js';
import { ProtocolError } from '../errors.js';
import type { Link, LinkEvents } from './link.js';

// Frames up to this size are copied into one buffer per turn; larger bodies
// are written as they are, so that big messages are never copied.
const COALESCE_BYTES = 64 * 1024;

// Links with frames not yet handed to their socket: should the process exit
// before the turn ends (process.exit() right after a send or a receive),
// they are written then, synchronously, so that the send or its
// acknowledgement is not lost.
const unwritten = new Set<SocketLink>();
process.on('exit', () => {
  for (const link of unwritten) link.writeNow();
});

/**
 * The socket a channel talks over, one at a time: a reconnectable channel
 * connects the next one when the last has closed. Events from a socket that
 * has since been replaced are ignored. Frames written in one turn of the
 * event loop leave in one system call.
 */
export class SocketLink implements Link {
  #socket: Socket | undefined;
  // Whether the socket holds the event loop open (a new socket does).
  #held = true;
  #decoder: FrameDecoder;
  readonly #maxFrameBytes: number | undefined;
  #events: LinkEvents | undefined;
  // Frames written this turn, not yet handed to the socket.
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #flushScheduled = false;

  /** Throws a `RangeError` for a bad `maxFrameBytes` at once, even with no socket yet. */
  constructor(socket: Socket | undefined, maxFrameBytes?: number) {
    this.#maxFrameBytes = maxFrameBytes;
    this.#decoder = new FrameDecoder(maxFrameBytes);
    this.#socket = socket;
  }

  /** The largest frame this link accepts, and so the largest its peer is expected to accept. */
  get maxFrameBytes(): number {
    return this.#decoder.maxFrameBytes;
  }

  get current(): Socket | undefined {
    return this.#socket;
  }

  listen(events: LinkEvents): void {
    this.#events = events;
    if (this.#socket) this.#listen(this.#socket);
  }

  /** Talks over a new socket, decoding from a fresh start: the last one may have closed inside a frame. */
  connect(socket: Socket): void {
    this.#decoder = new FrameDecoder(this.#maxFrameBytes);
    this.#socket = socket;
    this.#listen(socket);
  }

  /** Forgets the current socket, which has closed, until the next `connect()`. */
  disconnect(): void {
    this.#socket = undefined;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  write(kind: number, body?: Uint8Array, now = false): void {
    if (!this.#socket) return;
    const [header, payload] = encodeFrame(kind, body);
    this.#pending.push(header);
    if (payload.byteLength) this.#pending.push(payload);
    this.#pendingBytes += header.byteLength + payload.byteLength;
    if (now) {
      this.#writePending();
      return;
    }
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      unwritten.add(this);
      // Once the code that wrote it yields: frames written together leave
      // together, and none waits behind a long computation that follows.
      queueMicrotask(() => this.#writePending());
    }
  }

  flush(): Promise<void> {
    this.#writePending();
    const socket = this.#socket;
    if (!socket || socket.destroyed || socket.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => socket.write(Buffer.alloc(0), () => resolve()));
  }

  pause(): void {
    this.#socket?.pause();
  }

  resume(): void {
    if (this.#socket?.isPaused()) this.#socket.resume();
  }

  end(): void {
    this.#writePending();
    this.#socket?.end();
    this.#socket?.destroySoon();
  }

  keepAlive(alive: boolean): void {
    // Only on a change, and only while the socket lives: Node defers ref()
    // and unref() on a socket without a handle to a 'connect' listener each.
    const socket = this.#socket;
    if (socket && !socket.destroyed && alive !== this.#held) {
      this.#held = alive;
      if (alive) socket.ref();
      else socket.unref();
    }
  }

  /**
   * @internal Writes the frames not yet handed to the socket at once, with a
   * blocking write to its descriptor, where nothing written before is still
   * on its way (the process is exiting).
   */
  writeNow(): void {
    const socket = this.#socket;
    const fd = (socket as unknown as { _handle?: { fd?: number } } | undefined)?._handle?.fd;
    if (!socket || socket.destroyed || socket.writableLength > 0 || fd === undefined || fd < 0) return;
    const pending = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      for (let written = 0; written < pending.length;) written += writeSync(fd, pending, written);
    } catch {
      // The peer is gone, or the socket full: nothing more can be done as the process exits.
    }
  }

  // Hands this turn's frames to the socket: small ones in one buffer.
  #writePending(): void {
    this.#flushScheduled = false;
    unwritten.delete(this);
    if (this.#pending.length === 0) return;
    const socket = this.#socket;
    const pending = this.#pending;
    const bytes = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (!socket || socket.destroyed) return;
    if (pending.length === 1 || bytes <= COALESCE_BYTES) {
      socket.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending, bytes));
      return;
    }
    socket.cork();
    for (const piece of pending) socket.write(piece);
    socket.uncork();
  }

  #listen(socket: Socket): void {
    this.#held = true;
    socket.on('data', (chunk: Buffer) => {
      if (socket === this.#socket) this.#onData(chunk, socket);
    });
    socket.on('error', () => { /* the 'close' event that follows settles the channel */ });
    socket.on('close', () => {
      if (socket === this.#socket) this.#events?.closed();
    });
  }

  #onData(chunk: Buffer, from: Socket): void {
    let frames: Frame[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    for (const frame of frames) {
      // A frame may end the connection (a protocol error, a channel closed in a handler).
      if (from !== this.#socket) return;
      try {
        this.#events!.frame(frame, from);
      } catch (error) {
        this.#fail(new ProtocolError(`A frame of kind ${frame.kind} could not be decoded: ${(error as Error).message}`));
        return;
      }
    }
  }

  // A peer that breaks the protocol loses its connection.
  #fail(error: Error): void {
    this.#socket?.destroy();
    this.#events?.broken(error);
  }
}
