// Assembling rows that arrive in any order, from any process, into one
// image, and checking that each row comes exactly once.
import { RenderRowsError } from '../errors.js';
import { CHANNELS, type RgbImage } from './image.js';

/** Progress of a render, reported once per row as it arrives. */
export interface RowProgress {
  /** The row that arrived. */
  readonly y: number;
  /** Its pixels (RGB bytes); valid only during the call. */
  readonly pixels: Uint8Array;
  /** Rows done so far, this one included. */
  readonly done: number;
  /** Rows in the image. */
  readonly total: number;
}

/** Places rows into a `width × height` RGB image as they arrive. */
export class RowAssembler {
  readonly #width: number;
  readonly #height: number;
  readonly #rowBytes: number;
  readonly #data: Uint8Array;
  readonly #arrived: Uint8Array;
  readonly #source: string;
  readonly #onRow: ((progress: RowProgress) => void) | undefined;
  #done = 0;

  /** @param source Names who delivers the rows, in error messages (e.g. `Strategy map`). */
  constructor(width: number, height: number, source: string, onRow?: (progress: RowProgress) => void) {
    this.#width = width;
    this.#height = height;
    this.#rowBytes = width * CHANNELS;
    this.#data = new Uint8Array(height * this.#rowBytes);
    this.#arrived = new Uint8Array(height);
    this.#source = source;
    this.#onRow = onRow;
  }

  /** Places one or more whole rows, the first being row `y`; a `RenderRowsError` for a row out of range, twice, or a partial row. */
  accept(y: number, pixels: Uint8Array): void {
    const rowBytes = this.#rowBytes;
    if (pixels.length === 0 || pixels.length % rowBytes !== 0) {
      throw new RenderRowsError(`${this.#source} delivered ${pixels.length} bytes at row ${y}, not whole rows of ${rowBytes}`);
    }
    for (let i = 0; i * rowBytes < pixels.length; i++) this.#place(y + i, pixels.subarray(i * rowBytes, (i + 1) * rowBytes));
  }

  /** The image, once every row has arrived; a `RenderRowsError` otherwise. */
  finish(): RgbImage {
    if (this.#done !== this.#height) throw new RenderRowsError(`${this.#source} delivered ${this.#done} of ${this.#height} rows`);
    return { width: this.#width, height: this.#height, channels: CHANNELS, data: this.#data };
  }

  #place(y: number, row: Uint8Array): void {
    if (!Number.isInteger(y) || y < 0 || y >= this.#height || this.#arrived[y]) {
      throw new RenderRowsError(`${this.#source} delivered row ${y} ${this.#arrived[y] ? 'twice' : 'out of range'}`);
    }
    this.#data.set(row, y * this.#rowBytes);
    this.#arrived[y] = 1;
    this.#done++;
    this.#onRow?.({ y, pixels: row, done: this.#done, total: this.#height });
  }
}
