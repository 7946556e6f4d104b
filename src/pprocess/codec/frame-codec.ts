// The framing of a channel's byte stream: each frame is a 4-byte big-endian
// length, a 1-byte kind, then the body. Pure: no sockets, no processes.
import { ProtocolError } from '../errors.js';

/** Bytes before the body: the length (of kind + body) and the kind. */
export const HEADER_BYTES = 5;

/**
 * The default largest frame a decoder accepts (1 GiB). A length prefix above
 * the maximum is a `ProtocolError`, so a corrupt or hostile peer cannot make
 * the receiver allocate without bound. Set `PPROCESS_MAX_FRAME_BYTES` or pass
 * `maxFrameBytes` to change it.
 */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024 * 1024;

/** One decoded frame. */
export interface Frame {
  kind: number;
  body: Buffer;
}

/** The header and body of one frame, ready to be written in order. */
export function encodeFrame(kind: number, body: Uint8Array = EMPTY): [Buffer, Uint8Array] {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(body.byteLength + 1, 0);
  header.writeUInt8(kind, 4);
  return [header, body];
}

const EMPTY = new Uint8Array(0);

/**
 * Turns chunks of a byte stream into whole frames. Chunks may split a frame
 * anywhere or hold several; bytes are copied once, when a frame is complete.
 */
export class FrameDecoder {
  readonly maxFrameBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  // Length (kind + body) of the frame being assembled, once its header is read.
  #frameLength = -1;

  constructor(maxFrameBytes = maxFrameBytesFromEnv()) {
    if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1) {
      throw new RangeError(`maxFrameBytes must be a positive integer, got ${maxFrameBytes}`);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Bytes received that are not yet part of a returned frame. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Adds a chunk and returns every frame it completes, in order. */
  push(chunk: Buffer): Frame[] {
    if (chunk.length) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const frames: Frame[] = [];
    for (;;) {
      if (this.#frameLength < 0) {
        if (this.#buffered < 4) break;
        const length = this.#peekLength();
        if (length < 1) throw new ProtocolError('A frame must hold at least its kind byte; got length 0');
        if (length > this.maxFrameBytes) {
          throw new ProtocolError(
            `A frame of ${length} bytes exceeds the maximum of ${this.maxFrameBytes} bytes ` +
              '(set PPROCESS_MAX_FRAME_BYTES to raise it)',
          );
        }
        this.#frameLength = length;
      }
      if (this.#buffered < 4 + this.#frameLength) break;
      const bytes = this.#take(4 + this.#frameLength);
      this.#frameLength = -1;
      frames.push({ kind: bytes[4]!, body: bytes.subarray(5) });
    }
    return frames;
  }

  /** Throws if the stream ended in the middle of a frame. */
  end(): void {
    if (this.#buffered > 0) {
      throw new ProtocolError(`The stream ended inside a frame (${this.#buffered} bytes left over)`);
    }
  }

  #peekLength(): number {
    const first = this.#chunks[0]!;
    if (first.length >= 4) return first.readUInt32BE(0);
    return Buffer.concat(this.#chunks, 4).readUInt32BE(0);
  }

  // Removes `count` bytes from the front, as one buffer.
  #take(count: number): Buffer {
    const first = this.#chunks[0]!;
    let bytes: Buffer;
    if (first.length >= count) {
      bytes = first.subarray(0, count);
      if (first.length === count) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(count);
    } else {
      bytes = Buffer.allocUnsafe(count);
      let filled = 0;
      while (filled < count) {
        const chunk = this.#chunks[0]!;
        const used = Math.min(chunk.length, count - filled);
        chunk.copy(bytes, filled, 0, used);
        filled += used;
        if (used === chunk.length) this.#chunks.shift();
        else this.#chunks[0] = chunk.subarray(used);
      }
    }
    this.#buffered -= count;
    return bytes;
  }
}

function maxFrameBytesFromEnv(): number {
  const text = process.env.PPROCESS_MAX_FRAME_BYTES;
  if (text === undefined || text === '') return DEFAULT_MAX_FRAME_BYTES;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`PPROCESS_MAX_FRAME_BYTES must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return value;
}
