// PNG, written by hand on Node's zlib: 8-bit RGB, each row filtered with
// "Sub" (the difference from the pixel to the left), then deflated.
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import type { RgbImage } from '../render/image.js';

const deflateAsync = promisify(deflate);
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** PNG's "Sub" filter type. */
const SUB = 1;

/** The PNG file of `image`, as parts to be written one after the other. */
export async function pngParts(image: RgbImage): Promise<Uint8Array[]> {
  const { width, height, channels, data } = image;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, colour type RGB, deflate, adaptive filters, no interlace
  const compressed = await deflateAsync(filtered(data, width * channels, height, channels), { level: 9 });
  return [SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', compressed), chunk('IEND', Buffer.alloc(0))];
}

// Each row as its filter type and the bytes minus those one pixel to the left.
function filtered(data: Uint8Array, rowBytes: number, height: number, channels: number): Uint8Array {
  const out = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const from = y * rowBytes;
    const to = y * (rowBytes + 1);
    out[to] = SUB;
    for (let i = 0; i < rowBytes; i++) out[to + 1 + i] = data[from + i]! - (i >= channels ? data[from + i - channels]! : 0);
  }
  return out;
}

// Length, type, data and the CRC of type and data.
function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}
