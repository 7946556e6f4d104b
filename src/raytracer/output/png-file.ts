// A PNG written while its rows arrive: rows are filtered and deflated in
// order as soon as every row above them has come, on zlib's own thread, so
// that the end of a render leaves only the last rows to compress. The file
// is the one pngParts() makes: one IDAT chunk, whose length and CRC are
// written once the stream has ended.
import { crc32, createDeflate } from 'node:zlib';
import type { RgbImage } from '../render/image.js';
import { PartialFile } from './partial-file.js';
import { chunk, filterRow, PNG_LEVEL, pngHeader } from './png.js';

// About how many filtered bytes are gathered before they go to zlib.
const BATCH_BYTES = 256 * 1024;

/** The PNG file of a `width × height` image of `channels` bytes a pixel, written at `path`: an `ImageFile`. */
export class PngFile {
  readonly #file: PartialFile;
  readonly #deflate = createDeflate({ level: PNG_LEVEL });
  readonly #deflated: Promise<void>;
  readonly #channels: number;
  readonly #rowBytes: number;
  readonly #height: number;
  // Where the IDAT chunk starts, and where its next compressed bytes go.
  readonly #idat: number;
  #offset: number;
  #crc: number;
  // The next row zlib is to be given, and filtered rows that came before the rows above them.
  #next = 0;
  readonly #early = new Map<number, Uint8Array>();
  // Filtered rows in order, gathered for zlib.
  #batch: Uint8Array;
  #batchRows = 0;

  static async open(path: string, width: number, height: number, channels: number): Promise<PngFile> {
    return new PngFile(await PartialFile.create(path), width, height, channels);
  }

  private constructor(file: PartialFile, width: number, height: number, channels: number) {
    this.#file = file;
    this.#channels = channels;
    this.#rowBytes = width * channels;
    this.#height = height;
    this.#batch = this.#newBatch();
    const header = pngHeader(width, height);
    file.write(header, 0);
    this.#idat = header.length;
    // The chunk's length (written at the end), then its type; the CRC covers the type and the data.
    const type = Buffer.from('\0\0\0\0IDAT', 'latin1');
    file.write(type, this.#idat);
    this.#offset = this.#idat + type.length;
    this.#crc = crc32(type.subarray(4));
    this.#deflate.on('data', (compressed: Buffer) => {
      file.write(compressed, this.#offset);
      this.#offset += compressed.length;
      this.#crc = crc32(compressed, this.#crc);
    });
    this.#deflated = new Promise((resolve, reject) => {
      this.#deflate.once('end', resolve);
      this.#deflate.once('error', reject);
    });
    // A failure is reported by finish(); abandon() ends the stream on purpose.
    this.#deflated.catch(() => {});
  }

  row(y: number, pixels: Uint8Array): void {
    if (y !== this.#next) {
      const filtered = new Uint8Array(this.#rowBytes + 1);
      filterRow(pixels, this.#channels, filtered, 0);
      this.#early.set(y, filtered);
      return;
    }
    this.#take(pixels);
    this.#takeEarly();
  }

  finish(image: RgbImage): Promise<void> {
    return this.#file.complete(async () => {
      const rowBytes = this.#rowBytes;
      if (image.width * image.channels !== rowBytes || image.height !== this.#height) {
        throw new RangeError(`the image is ${image.width}×${image.height}, not the size the file was opened for`);
      }
      // Rows that did not come through row() are taken from the image.
      while (this.#next < this.#height) {
        this.#take(image.data.subarray(this.#next * rowBytes, (this.#next + 1) * rowBytes));
        this.#takeEarly();
      }
      this.#flush();
      this.#deflate.end();
      await this.#deflated;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(this.#offset - this.#idat - 8);
      this.#file.write(length, this.#idat);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(this.#crc);
      this.#file.write(Buffer.concat([crc, chunk('IEND', Buffer.alloc(0))]), this.#offset);
    });
  }

  abandon(): Promise<void> {
    this.#deflate.destroy();
    return this.#file.abandon();
  }

  // Filters row #next into the batch.
  #take(pixels: Uint8Array): void {
    filterRow(pixels, this.#channels, this.#batch, this.#batchRows * (this.#rowBytes + 1));
    this.#taken();
  }

  // Rows that came early, now that the rows above them have.
  #takeEarly(): void {
    for (let filtered = this.#early.get(this.#next); filtered !== undefined; filtered = this.#early.get(this.#next)) {
      this.#early.delete(this.#next);
      this.#batch.set(filtered, this.#batchRows * (this.#rowBytes + 1));
      this.#taken();
    }
  }

  // Row #next is in the batch: on to the next, and to zlib with the batch once it has no room for another.
  #taken(): void {
    this.#batchRows++;
    this.#next++;
    if ((this.#batchRows + 1) * (this.#rowBytes + 1) > this.#batch.length) this.#flush();
  }

  #flush(): void {
    if (this.#batchRows === 0) return;
    this.#deflate.write(this.#batch.subarray(0, this.#batchRows * (this.#rowBytes + 1)));
    this.#batch = this.#newBatch();
    this.#batchRows = 0;
  }

  #newBatch(): Uint8Array {
    return new Uint8Array(Math.max(1, Math.floor(BATCH_BYTES / (this.#rowBytes + 1))) * (this.#rowBytes + 1));
  }
}
