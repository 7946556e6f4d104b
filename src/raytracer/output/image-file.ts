// Writing an image file while its rows arrive. An uncompressed TIFF is a
// header and then the rows in order, so each row is written at its place
// as it comes in, and a render's end leaves only its last rows, a close and
// a rename to do, not the whole file. A PNG is deflated as a whole: it is
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
  // Which rows have been handed to the file.
  readonly #written: Uint8Array;
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
    this.#written = new Uint8Array(height);
    process.on('exit', this.#removeOnExit);
    this.#write(header, 0);
  }

  row(y: number, pixels: Uint8Array): void {
    this.#written[y] = 1;
    this.#write(Uint8Array.from(pixels), this.#start + y * this.#rowBytes);
  }

  async finish(image: RgbImage): Promise<void> {
    try {
      const rowBytes = this.#rowBytes;
      if (image.width * image.channels !== rowBytes || image.height !== this.#written.length) {
        throw new RangeError(`the image is ${image.width}×${image.height}, not the size the file was opened for`);
      }
      // Rows that did not come through row() are written from the image.
      for (let y = 0; y < image.height; y++) {
        if (!this.#written[y]) this.#write(image.data.subarray(y * rowBytes, (y + 1) * rowBytes), this.#start + y * rowBytes);
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
