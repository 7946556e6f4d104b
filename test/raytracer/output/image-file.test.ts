// An image file written while its rows arrive, in any order, must be the
// file writeImage writes of the finished image, byte for byte (for PNG, the
// rows deflated as they come against the whole image deflated at once); until it is
// finished it exists only under a temporary name, and an abandoned or
// failed one leaves nothing behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openImageFile } from '../../../src/raytracer/output/image-file.js';
import { encodeImage } from '../../../src/raytracer/output/encode-image.js';
import type { RgbImage } from '../../../src/raytracer/index.js';

const WIDTH = 37;
const HEIGHT = 23;

// Every byte differs from its neighbours, so a row written at the wrong place shows.
function patterned(width = WIDTH, height = HEIGHT): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 8)) & 0xff;
  return { width, height, channels: 3, data };
}

const rowOf = (image: RgbImage, y: number) => image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3);

test.each(['tiff', 'png'] as const)('a %s written row by row, out of order, equals the whole image encoded', async (format) => {
  const dir = mkdtempSync(join(tmpdir(), 'image-file-'));
  const path = join(dir, `out.${format}`);
  const image = patterned();
  const file = await openImageFile(path, format, WIDTH, HEIGHT);
  // Rows come as processes finish them: here, odd rows first, then even rows backwards.
  const order = [...Array.from({ length: HEIGHT }, (_, y) => y).filter((y) => y % 2), ...Array.from({ length: HEIGHT }, (_, y) => HEIGHT - 1 - y).filter((y) => y % 2 === 0)];
  for (const y of order) {
    // The caller's buffer is reused at once: the file must have copied it.
    const reused = Uint8Array.from(rowOf(image, y));
    file.row(y, reused);
    reused.fill(0);
  }
  expect(readdirSync(dir).filter((name) => name === `out.${format}`)).toEqual([]);
  await file.finish(image);
  expect(Buffer.compare(readFileSync(path), await encodeImage(image, format))).toBe(0);
  expect(readdirSync(dir)).toEqual([`out.${format}`]);
  rmSync(dir, { recursive: true });
});

test.each(['tiff', 'png'] as const)('wide rows of a %s from several processes at once, each delivering its own span, are written whole', async (format) => {
  // Rows this wide fill a run (a batch for zlib) every few rows, so they are written mid-render.
  const [width, height] = [16384, 40];
  const dir = mkdtempSync(join(tmpdir(), 'image-file-'));
  const path = join(dir, `out.${format}`);
  const image = patterned(width, height);
  const file = await openImageFile(path, format, width, height);
  // Ten processes, four rows each, taking turns; the last process's rows never arrive.
  for (let turn = 0; turn < 4; turn++) {
    for (let span = 0; span < 9; span++) {
      const reused = Uint8Array.from(rowOf(image, span * 4 + turn));
      file.row(span * 4 + turn, reused);
      reused.fill(0);
    }
  }
  await file.finish(image);
  expect(Buffer.compare(readFileSync(path), await encodeImage(image, format))).toBe(0);
  rmSync(dir, { recursive: true });
});

test.each(['tiff', 'png'] as const)('rows of a %s that never came through row() are written from the finished image', async (format) => {
  const dir = mkdtempSync(join(tmpdir(), 'image-file-'));
  const path = join(dir, `out.${format}`);
  const image = patterned();
  const file = await openImageFile(path, format, WIDTH, HEIGHT);
  for (let y = 0; y < HEIGHT; y += 3) file.row(y, rowOf(image, y));
  await file.finish(image);
  expect(Buffer.compare(readFileSync(path), await encodeImage(image, format))).toBe(0);
  rmSync(dir, { recursive: true });
});

test.each(['tiff', 'png'] as const)('an abandoned %s leaves nothing, not even its temporary file', async (format) => {
  const dir = mkdtempSync(join(tmpdir(), 'image-file-'));
  const file = await openImageFile(join(dir, `out.${format}`), format, WIDTH, HEIGHT);
  file.row(0, rowOf(patterned(), 0));
  expect(readdirSync(dir)).toHaveLength(1);
  await file.abandon();
  expect(readdirSync(dir)).toEqual([]);
  rmSync(dir, { recursive: true });
});

test.each(['tiff', 'png'] as const)('a %s that cannot be put in place fails with ERR_OUTPUT_WRITE, naming it, and leaves nothing', async (format) => {
  const dir = mkdtempSync(join(tmpdir(), 'image-file-'));
  const path = join(dir, `out.${format}`);
  const file = await openImageFile(path, format, WIDTH, HEIGHT);
  const wrongSize = { ...patterned(), height: HEIGHT + 1 };
  const error = await file.finish(wrongSize).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'OutputError', code: 'ERR_OUTPUT_WRITE' });
  expect((error as Error).message).toContain(path);
  expect(readdirSync(dir)).toEqual([]);
  rmSync(dir, { recursive: true });
});

test('a directory that is gone is an ERR_OUTPUT_WRITE naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'image-file-'));
  rmSync(dir, { recursive: true });
  const path = join(dir, 'out.tiff');
  await expect(openImageFile(path, 'tiff', WIDTH, HEIGHT)).rejects.toMatchObject({ code: 'ERR_OUTPUT_WRITE', message: expect.stringContaining(path) });
});
