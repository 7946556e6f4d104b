// Writing an image file safely: to a temporary file beside the target,
// then renamed over it, so that a failed or interrupted write never leaves
// a half-written image where a good one was.
import { rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutputError } from '../errors.js';
import type { RgbImage } from '../render/image.js';
import { encodedParts } from './encode-image.js';
import type { ImageFormat } from './format.js';
import { describeFailure, PartialFile, temporaryPathFor, writeError } from './partial-file.js';

/** Writes `image` to `path` as `format`, atomically; throws an `OutputError` (`ERR_OUTPUT_WRITE`) on failure. */
export async function writeImage(image: RgbImage, path: string, format: ImageFormat): Promise<void> {
  const parts = await encodedParts(image, format);
  const file = await PartialFile.create(path);
  // The parts one after the other: the pixels are not joined to the header first.
  await file.complete(() => {
    let at = 0;
    for (const part of parts) {
      file.write(part, at);
      at += part.length;
    }
  });
}

/**
 * Checks, before any work is done, that `path` can be written: its
 * directory exists and `path` is not a directory. Throws an `OutputError`.
 */
export async function checkWritable(path: string): Promise<void> {
  const dir = dirname(path);
  const dirStat = await stat(dir).catch((cause: unknown) => {
    throw new OutputError(path, `Cannot write ${path}: directory ${dir}: ${describeFailure(cause)}`, { cause });
  });
  if (!dirStat.isDirectory()) throw new OutputError(path, `Cannot write ${path}: ${dir} is not a directory`);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new OutputError(path, `Cannot write ${path}: it is a directory (give a file name)`);
  // A trial file in the directory, removed at once: permissions, read-only file systems.
  const probe = temporaryPathFor(path);
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (cause) {
    throw writeError(path, cause);
  } finally {
    await rm(probe, { force: true });
  }
}
