// Writing an image file while its rows arrive, so that a render's end
// leaves only its last rows, a close and a rename to do, not the whole
// file: TIFF rows go straight to their place (tiff-file.ts), PNG rows are
// deflated in order as they come (png-file.ts). Either way the file appears
// under its name only once complete (partial-file.ts).
import type { RgbImage } from '../render/image.js';
import type { ImageFormat } from './format.js';

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
  // Each writer is loaded only for its format: PNG's brings zlib.
  if (format === 'png') return (await import('./png-file.js')).PngFile.open(path, width, height, RGB);
  return (await import('./tiff-file.js')).TiffFile.open(path, width, height, RGB);
}
