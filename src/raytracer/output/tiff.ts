// Baseline TIFF, written by hand: an 8-bit RGB image, uncompressed in
// strips, as PIL wrote PyGmy's output. The pixels go into the file as they
// are, so writing a 4K render costs a header and a copy to disk, not an
// encoder's pass over 25 MB that would sit between the last row and the file.
import type { RgbImage } from '../render/image.js';

// Tag numbers and field types of TIFF 6.0.
const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
/** Bytes per strip aimed at: readers load a strip at a time. */
const STRIP_BYTES = 64 * 1024;

interface Entry {
  readonly tag: number;
  readonly type: typeof SHORT | typeof LONG | typeof RATIONAL;
  readonly values: readonly number[];
}

/**
 * The TIFF file of `image` as two parts to be written one after the other:
 * the header with its directory, then the pixels themselves (not copied).
 */
export function tiffParts(image: RgbImage): [Uint8Array, Uint8Array] {
  return [tiffHeader(image.width, image.height, image.channels), image.data];
}

/**
 * The header and directory of a TIFF of `width × height` pixels: the rows
 * follow it in order, each `width × channels` bytes, so a row can be
 * written at its place before the others are known.
 */
export function tiffHeader(width: number, height: number, channels: number): Uint8Array {
  const rowBytes = width * channels;
  const rowsPerStrip = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / rowBytes)));
  const strips = Math.ceil(height / rowsPerStrip);
  const entries = (dataStart: number): Entry[] => [
    { tag: 256, type: LONG, values: [width] }, // ImageWidth
    { tag: 257, type: LONG, values: [height] }, // ImageLength
    { tag: 258, type: SHORT, values: Array(channels).fill(8) }, // BitsPerSample
    { tag: 259, type: SHORT, values: [1] }, // Compression: none
    { tag: 262, type: SHORT, values: [2] }, // PhotometricInterpretation: RGB
    { tag: 273, type: LONG, values: Array.from({ length: strips }, (_, i) => dataStart + i * rowsPerStrip * rowBytes) }, // StripOffsets
    { tag: 277, type: SHORT, values: [channels] }, // SamplesPerPixel
    { tag: 278, type: LONG, values: [rowsPerStrip] }, // RowsPerStrip
    { tag: 279, type: LONG, values: Array.from({ length: strips }, (_, i) => Math.min(rowsPerStrip, height - i * rowsPerStrip) * rowBytes) }, // StripByteCounts
    { tag: 282, type: RATIONAL, values: [72, 1] }, // XResolution
    { tag: 283, type: RATIONAL, values: [72, 1] }, // YResolution
    { tag: 284, type: SHORT, values: [1] }, // PlanarConfiguration: chunky
    { tag: 296, type: SHORT, values: [2] }, // ResolutionUnit: inch
  ];
  // The layout does not depend on the offsets' values, only on their count.
  const size = headerSize(entries(0));
  return header(entries(size), size);
}

// Bytes of a value of each type (a rational is two longs).
const sizeOf = (entry: Entry): number => entry.values.length * (entry.type === SHORT ? 2 : 4);

// 8 bytes of file header, the directory (2 + 12 per entry + 4), then the values that do not fit in an entry.
function headerSize(entries: readonly Entry[]): number {
  const outside = entries.reduce((sum, e) => sum + (sizeOf(e) > 4 ? sizeOf(e) : 0), 0);
  return 8 + 2 + entries.length * 12 + 4 + outside;
}

function header(entries: readonly Entry[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0x4949); // "II": little-endian
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true); // the directory follows the header
  view.setUint16(8, entries.length, true);
  let extra = 8 + 2 + entries.length * 12 + 4; // after the directory and its 0 "next directory" offset
  entries.forEach((entry, i) => {
    const at = 10 + i * 12;
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, entry.type, true);
    view.setUint32(at + 4, entry.type === RATIONAL ? entry.values.length / 2 : entry.values.length, true);
    const inline = sizeOf(entry) <= 4;
    let offset = inline ? at + 8 : extra;
    if (!inline) {
      view.setUint32(at + 8, extra, true);
      extra += sizeOf(entry);
    }
    for (const value of entry.values) {
      if (entry.type === SHORT) view.setUint16(offset, value, true);
      else view.setUint32(offset, value, true);
      offset += entry.type === SHORT ? 2 : 4;
    }
  });
  return bytes;
}
