// A channel's connection to its peer: frames in and out of the current socket,
// and whether that socket keeps the event loop alive.
import type { Socket } from 'node:net';
import { encodeFrame, FrameDecoder, type Frame } from '../codec/frame-codec.js';
import { ProtocolError } from '../errors.js';

/** What a `SocketLink` tells its channel. */
export interface LinkEvents {
  /** A whole frame arrived on `from`; throwing makes the frame a protocol error. */
  frame(frame: Frame, from: Socket): void;
  /** The peer broke the protocol; its socket has been destroyed already. */
  broken(error: Error): void;
  /** The current socket closed. */
  closed(): void;
}

/**
 * The socket a channel talks over, one at a time: a reconnectable channel
 * connects the next one when the last has closed. Events from a socket that
 * has since been replaced are ignored.
 */
export class SocketLink {
  #socket: Socket | undefined;
  // Whether the socket holds the event loop open (a new socket does).
  #held = true;
  #decoder: FrameDecoder;
  readonly #maxFrameBytes: number | undefined;
  readonly #events: LinkEvents;

  /** Throws a `RangeError` for a bad `maxFrameBytes` at once, even with no socket yet. */
  constructor(socket: Socket | undefined, maxFrameBytes: number | undefined, events: LinkEvents) {
    this.#maxFrameBytes = maxFrameBytes;
    this.#events = events;
    this.#decoder = new FrameDecoder(maxFrameBytes);
    if (socket) this.#listen(socket);
  }

  /** The current socket; none between the peers of a reconnectable channel. */
  get current(): Socket | undefined {
    return this.#socket;
  }

  /** Talks over a new socket, decoding from a fresh start: the last one may have closed inside a frame. */
  connect(socket: Socket): void {
    this.#decoder = new FrameDecoder(this.#maxFrameBytes);
    this.#listen(socket);
  }

  /** Forgets the current socket, which has closed, until the next `connect()`. */
  disconnect(): void {
    this.#socket = undefined;
  }

  /** Writes one frame, its header and body in one system call; nothing while disconnected. */
  write(kind: number, body?: Uint8Array): void {
    const socket = this.#socket;
    if (!socket) return;
    const [header, payload] = encodeFrame(kind, body);
    socket.cork();
    socket.write(header);
    if (payload.byteLength) socket.write(payload);
    socket.uncork();
  }

  /** Holds back what is written until the returned function is called (see `Channel.batch()`). */
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

  /** Resolves when everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.destroyed || socket.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => socket.write(Buffer.alloc(0), () => resolve()));
  }

  /** Stops reading, so that unread messages stop piling up. */
  pause(): void {
    this.#socket?.pause();
  }

  /** Reads again after `pause()`. */
  resume(): void {
    if (this.#socket?.isPaused()) this.#socket.resume();
  }

  /** Ends the socket once what was written has left. */
  end(): void {
    this.#socket?.end();
    this.#socket?.destroySoon();
  }

  /** Lets the socket keep the event loop alive, or not. */
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

  #listen(socket: Socket): void {
    this.#socket = socket;
    this.#held = true;
    socket.on('data', (chunk: Buffer) => {
      if (socket === this.#socket) this.#onData(chunk, socket);
    });
    socket.on('error', () => { /* the 'close' event that follows settles the channel */ });
    socket.on('close', () => {
      if (socket === this.#socket) this.#events.closed();
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
      try {
        this.#events.frame(frame, from);
      } catch (error) {
        this.#fail(new ProtocolError(`A frame of kind ${frame.kind} could not be decoded: ${(error as Error).message}`));
        return;
      }
    }
  }

  // A peer that breaks the protocol loses its connection.
  #fail(error: Error): void {
    this.#socket?.destroy();
    this.#events.broken(error);
  }
}
