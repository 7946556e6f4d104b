// An uncompressed TIFF written while its rows arrive: a header and then the
// rows in order, so each row has its place in the file from the start.
// Consecutive rows are gathered into runs first: a write per row costs the
// creating process more than the rows' bytes do.
import type { RgbImage } from '../render/image.js';
import { PartialFile } from './partial-file.js';
import { tiffHeader } from './tiff.js';

// About how many bytes a run gathers before it is written.
const RUN_BYTES = 256 * 1024;
// Runs gathered at once: one per process delivering its own span of rows, and then some.
const OPEN_RUNS = 8;

// Consecutive rows, gathered to be written at once.
interface Run {
  readonly first: number;
  rows: number;
  readonly bytes: Uint8Array;
}

/** The TIFF file of a `width × height` image of `channels` bytes a pixel, written at `path`: an `ImageFile`. */
export class TiffFile {
  readonly #file: PartialFile;
  readonly #start: number;
  readonly #rowBytes: number;
  readonly #runRows: number;
  // Which rows have been handed to the file.
  readonly #written: Uint8Array;
  // Rows taken but not yet written, oldest run first.
  readonly #runs: Run[] = [];

  static async open(path: string, width: number, height: number, channels: number): Promise<TiffFile> {
    return new TiffFile(await PartialFile.create(path), tiffHeader(width, height, channels), width * channels, height);
  }

  private constructor(file: PartialFile, header: Uint8Array, rowBytes: number, height: number) {
    this.#file = file;
    this.#start = header.length;
    this.#rowBytes = rowBytes;
    this.#runRows = Math.max(1, Math.min(height, Math.floor(RUN_BYTES / rowBytes)));
    this.#written = new Uint8Array(height);
    file.write(header, 0);
  }

  row(y: number, pixels: Uint8Array): void {
    this.#written[y] = 1;
    const runs = this.#runs;
    let run = runs.find((open) => open.first + open.rows === y);
    if (run === undefined) {
      if (runs.length === OPEN_RUNS) this.#writeRun(runs.shift()!);
      run = { first: y, rows: 0, bytes: new Uint8Array(this.#runRows * this.#rowBytes) };
      runs.push(run);
    }
    run.bytes.set(pixels, run.rows * this.#rowBytes);
    run.rows++;
    if (run.rows === this.#runRows) {
      runs.splice(runs.indexOf(run), 1);
      this.#writeRun(run);
    }
  }

  finish(image: RgbImage): Promise<void> {
    return this.#file.complete(() => {
      const rowBytes = this.#rowBytes;
      if (image.width * image.channels !== rowBytes || image.height !== this.#written.length) {
        throw new RangeError(`the image is ${image.width}×${image.height}, not the size the file was opened for`);
      }
      for (const run of this.#runs.splice(0)) this.#writeRun(run);
      // Rows that did not come through row() are written from the image, a stretch of them at a time.
      for (let y = 0; y < image.height;) {
        if (this.#written[y]) {
          y++;
          continue;
        }
        let end = y + 1;
        while (end < image.height && !this.#written[end]) end++;
        this.#file.write(image.data.subarray(y * rowBytes, end * rowBytes), this.#start + y * rowBytes);
        y = end;
      }
    });
  }

  abandon(): Promise<void> {
    return this.#file.abandon();
  }

  #writeRun(run: Run): void {
    this.#file.write(run.bytes.subarray(0, run.rows * this.#rowBytes), this.#start + run.first * this.#rowBytes);
  }
}
