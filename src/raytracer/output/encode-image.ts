// Encoding rendered pixels as image files, with no library to load: TIFF
// is a header before the pixels, PNG is zlib's deflate on filtered rows.
import type { RgbImage } from '../render/image.js';
import type { ImageFormat } from './format.js';
import { tiffParts } from './tiff.js';

/**
 * Encodes `image` as a file of `format`: an 8-bit RGB baseline TIFF,
 * uncompressed (read by libtiff's tools, sharp, Pillow), or a PNG.
 */
export async function encodeImage(image: RgbImage, format: ImageFormat): Promise<Buffer> {
  return Buffer.concat(await encodedParts(image, format));
}

/** `encodeImage` as the parts of the file in order, for writing without joining them first. */
export async function encodedParts(image: RgbImage, format: ImageFormat): Promise<Uint8Array[]> {
  // PNG's encoder is loaded only for a PNG: it brings zlib.
  return format === 'tiff' ? tiffParts(image) : (await import('./png.js')).pngParts(image);
}
