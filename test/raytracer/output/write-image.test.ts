// Written files decoded by decoders independent of the encoder (UTIF for
// TIFF, a small PNG decoder here for PNG) must hold the render's pixels; and
// a failed write must leave no temporary file and no broken image.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import UTIF from 'utif';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  checkWritable,
  formatOfPath,
  OutputError,
  parseFormat,
  render,
  writeImage,
  type RgbImage,
} from '../../../src/raytracer/index.js';
import { decodePng } from '../helpers/decode-png.js';
import { shippedScene } from '../helpers/scenes.js';

function decodeTiff(file: Uint8Array) {
  const buffer = new Uint8Array(file).buffer;
  const [ifd] = UTIF.decode(buffer);
  UTIF.decodeImage(buffer, ifd!);
  const rgba = UTIF.toRGBA8(ifd!);
  const data = new Uint8Array(ifd!.width * ifd!.height * 3);
  for (let p = 0; p < ifd!.width * ifd!.height; p++) data.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);
  return { width: ifd!.width, height: ifd!.height, data, ifd: ifd! };
}

function hasTiffinfo(): boolean {
  try {
    execFileSync('tiffinfo', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

describe('writeImage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'images-'));
  let image: RgbImage;

  beforeAll(async () => {
    image = await render(shippedScene('pygmy', { width: 64, height: 40 }), { strategy: 'serial' });
  });

  test('a TIFF is 8-bit RGB and decodes (UTIF) to the render\'s pixels', async () => {
    const path = join(dir, 'pygmy.tiff');
    await writeImage(image, path, 'tiff');
    const decoded = decodeTiff(readFileSync(path));
    expect([decoded.width, decoded.height]).toEqual([64, 40]);
    expect(decoded.ifd.t258).toEqual([8, 8, 8]); // BitsPerSample
    expect(decoded.ifd.t277).toEqual([3]); // SamplesPerPixel
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
  });

  test('sharp reads the TIFF back as the same 8-bit RGB pixels', async () => {
    const path = join(dir, 'for-sharp.tiff');
    await writeImage(image, path, 'tiff');
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 64, height: 40, channels: 3 });
    expect(data.equals(Buffer.from(image.data))).toBe(true);
  });

  test.skipIf(!hasTiffinfo())('libtiff\'s tiffinfo reads the TIFF as 8-bit RGB', async () => {
    const path = join(dir, 'for-libtiff.tiff');
    await writeImage(image, path, 'tiff');
    const info = execFileSync('tiffinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Image Width: 64 Image Length: 40/);
    expect(info).toMatch(/Bits\/Sample: 8/);
    expect(info).toMatch(/Samples\/Pixel: 3/);
    expect(info).toMatch(/Photometric Interpretation: RGB/);
  });

  test('a PNG decodes (independent decoder) to the render\'s pixels', async () => {
    const path = join(dir, 'pygmy.png');
    await writeImage(image, path, 'png');
    const decoded = decodePng(readFileSync(path));
    expect([decoded.width, decoded.height]).toEqual([64, 40]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
  });

  test('replaces an existing image and leaves no temporary file', async () => {
    const sub = join(dir, 'replace');
    mkdirSync(sub);
    const path = join(sub, 'image.png');
    writeFileSync(path, 'old');
    await writeImage(image, path, 'png');
    expect(readdirSync(sub)).toEqual(['image.png']);
    expect(decodePng(readFileSync(path)).width).toBe(64);
  });

  test('a write that fails leaves the good image in place and no temporary file', async () => {
    // The rename cannot replace a non-empty directory: the failure comes after the temporary file was written.
    const sub = join(dir, 'fail');
    mkdirSync(join(sub, 'image.png'), { recursive: true });
    writeFileSync(join(sub, 'image.png', 'keep'), 'good');
    const error = await writeImage(image, join(sub, 'image.png'), 'png').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect(error).toMatchObject({ code: 'ERR_OUTPUT_WRITE', path: join(sub, 'image.png') });
    expect(readdirSync(sub)).toEqual(['image.png']);
    expect(readFileSync(join(sub, 'image.png', 'keep'), 'utf8')).toBe('good');
  });
});

describe('checkWritable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'writable-'));
  writeFileSync(join(dir, 'file'), '');

  test('accepts a file in an existing directory, and leaves nothing behind', async () => {
    await checkWritable(join(dir, 'new.png'));
    expect(readdirSync(dir)).toEqual(['file']);
  });

  test.each([
    ['a missing directory', 'missing/x.png', /directory .*missing: does not exist/],
    ['a file used as a directory', 'file/x.png', /file is not a directory/],
    ['a directory as the file', '.', /it is a directory/],
  ])('rejects %s', async (_name, relative, message) => {
    await expect(checkWritable(join(dir, relative))).rejects.toMatchObject({ code: 'ERR_OUTPUT_WRITE', message: expect.stringMatching(message) });
  });
});

describe('formats', () => {
  test.each([
    ['a.tif', 'tiff'],
    ['a.TIFF', 'tiff'],
    ['dir/a.png', 'png'],
    ['a.jpg', undefined],
    ['noextension', undefined],
  ])('%s is %s', (path, format) => {
    expect(formatOfPath(path)).toBe(format);
  });

  test('parseFormat knows tiff, tif and png, and names them when given anything else', () => {
    expect(parseFormat('TIF')).toBe('tiff');
    expect(parseFormat('png')).toBe('png');
    expect(() => parseFormat('jpeg')).toThrow(expect.objectContaining({ code: 'ERR_UNKNOWN_FORMAT', message: expect.stringMatching(/"jpeg".*tiff, png/) }));
  });
});
