// Writing an image file while its rows arrive. An uncompressed TIFF is a
// header and then the rows in order, so rows are written at their place as
// they come in, and a render's end leaves only its last rows, a close and
// a rename to do, not the whole file. Rows are gathered into runs of
// consecutive rows first: a write per row costs the creating process more
// than the rows' bytes do. A PNG is deflated as a whole: it is
// written at the end. Either way the file appears under its name only once
// complete (see writeImage).
import { rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { RgbImage } from '../render/image.js';
import type { ImageFormat } from './format.js';
import { tiffHeader } from './tiff.js';
import { temporaryPathFor, writeError, writeImage } from './write-image.js';

// Bytes per pixel of the images the raytracer makes.
const RGB = 3;
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

/** An image file being written: rows as they arrive, then the whole. */
export interface ImageFile {
  /** Takes row `y`'s pixels (copied: the caller may reuse them once this returns). */
  row(y: number, pixels: Uint8Array): void;
  /** Writes what is left of `image` and puts the file in place; an `OutputError` on failure. */
  finish(image: RgbImage): Promise<void>;
  /** Removes what was written: the render failed or was interrupted. */
  abandon(): Promise<void>;
}

/**
 * Opens the file for a `width × height` RGB image (8 bits a channel) of `format` at `path`,
 * written beside it under a temporary name until `finish()`. An
 * `OutputError` (`ERR_OUTPUT_WRITE`) if it cannot be created.
 */
export async function openImageFile(path: string, format: ImageFormat, width: number, height: number): Promise<ImageFile> {
  if (format !== 'tiff') return { row() {}, finish: (image) => writeImage(image, path, format), abandon: async () => {} };
  const temporary = temporaryPathFor(path);
  const file = await open(temporary, 'wx').catch((cause: unknown) => {
    throw writeError(path, cause);
  });
  return new TiffFile(path, temporary, file, tiffHeader(width, height, RGB), width * RGB, height);
}

class TiffFile implements ImageFile {
  readonly #path: string;
  readonly #temporary: string;
  readonly #file: FileHandle;
  readonly #start: number;
  readonly #rowBytes: number;
  readonly #runRows: number;
  // Which rows have been handed to the file.
  readonly #written: Uint8Array;
  // Rows taken but not yet written, oldest run first.
  readonly #runs: Run[] = [];
  readonly #writes: Promise<void>[] = [];
  #failure: unknown;
  // Should the process exit mid-render (a second Ctrl-C), the partial file goes with it.
  readonly #removeOnExit = () => rmSync(this.#temporary, { force: true });

  constructor(path: string, temporary: string, file: FileHandle, header: Uint8Array, rowBytes: number, height: number) {
    this.#path = path;
    this.#temporary = temporary;
    this.#file = file;
    this.#start = header.length;
    this.#rowBytes = rowBytes;
    this.#runRows = Math.max(1, Math.min(height, Math.floor(RUN_BYTES / rowBytes)));
    this.#written = new Uint8Array(height);
    process.on('exit', this.#removeOnExit);
    this.#write(header, 0);
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

  async finish(image: RgbImage): Promise<void> {
    try {
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
        this.#write(image.data.subarray(y * rowBytes, end * rowBytes), this.#start + y * rowBytes);
        y = end;
      }
      await Promise.all(this.#writes);
      if (this.#failure !== undefined) throw this.#failure;
      await this.#file.close();
      await rename(this.#temporary, this.#path);
    } catch (cause) {
      await this.abandon();
      throw writeError(this.#path, cause);
    } finally {
      process.off('exit', this.#removeOnExit);
    }
  }

  async abandon(): Promise<void> {
    process.off('exit', this.#removeOnExit);
    await Promise.allSettled(this.#writes);
    await this.#file.close().catch(() => {});
    await rm(this.#temporary, { force: true });
  }

  #writeRun(run: Run): void {
    this.#write(run.bytes.subarray(0, run.rows * this.#rowBytes), this.#start + run.first * this.#rowBytes);
  }

  // A positional write, whole even if the system writes it in pieces; the first failure is kept for finish().
  #write(bytes: Uint8Array, position: number): void {
    const file = this.#file;
    const all = async () => {
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
        done += bytesWritten;
      }
    };
    this.#writes.push(all().catch((error: unknown) => {
      this.#failure ??= error;
    }));
  }
}
