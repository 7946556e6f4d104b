// Encoding rendered pixels as image files (with sharp, that is libvips).
import type { RgbImage } from '../render/image.js';
import type { ImageFormat } from './format.js';

/**
 * Encodes `image` as a file of `format`: an 8-bit RGB TIFF with lossless
 * LZW compression (read by libtiff's tools, sharp, Pillow), or a PNG.
 */
export async function encodeImage(image: RgbImage, format: ImageFormat): Promise<Buffer> {
  // Loaded on first use: a native library that commands failing early, and
  // programs that only render, need not pay for.
  const { default: sharp } = await import('sharp');
  const raw = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  return format === 'tiff'
    ? raw.tiff({ compression: 'lzw', predictor: 'horizontal' }).toBuffer()
    : raw.png({ compressionLevel: 9 }).toBuffer();
}
