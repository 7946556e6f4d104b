// Writing an image file safely: to a temporary file beside the target,
// then renamed over it, so that a failed or interrupted write never leaves
// a half-written image where a good one was.
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../errors.js';
import type { RgbImage } from '../render/image.js';
import { encodedParts } from './encode-image.js';
import type { ImageFormat } from './format.js';

/** Writes `image` to `path` as `format`, atomically; throws an `OutputError` (`ERR_OUTPUT_WRITE`) on failure. */
export async function writeImage(image: RgbImage, path: string, format: ImageFormat): Promise<void> {
  const parts = await encodedParts(image, format);
  const temporary = temporaryPathFor(path);
  try {
    await writeParts(temporary, parts);
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw writeError(path, cause);
  }
}

/** The `OutputError` for a write of `path` that failed with `cause`, saying what went wrong in words. */
export function writeError(path: string, cause: unknown): OutputError {
  return new OutputError(path, `Cannot write ${path}: ${describe(cause)}`, { cause });
}

// The parts one after the other into a new file: the pixels are not joined to the header first.
async function writeParts(path: string, parts: readonly Uint8Array[]): Promise<void> {
  const file = await open(path, 'wx');
  try {
    let pending = [...parts];
    while (pending.length > 0) {
      let { bytesWritten } = await file.writev(pending);
      // A short write: go on from where it stopped.
      while (pending.length > 0 && bytesWritten >= pending[0]!.length) bytesWritten -= pending.shift()!.length;
      if (pending.length > 0) pending[0] = pending[0]!.subarray(bytesWritten);
    }
  } finally {
    await file.close();
  }
}

/**
 * Checks, before any work is done, that `path` can be written: its
 * directory exists and `path` is not a directory. Throws an `OutputError`.
 */
export async function checkWritable(path: string): Promise<void> {
  const dir = dirname(path);
  const dirStat = await stat(dir).catch((cause: unknown) => {
    throw new OutputError(path, `Cannot write ${path}: directory ${dir}: ${describe(cause)}`, { cause });
  });
  if (!dirStat.isDirectory()) throw new OutputError(path, `Cannot write ${path}: ${dir} is not a directory`);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new OutputError(path, `Cannot write ${path}: it is a directory (give a file name)`);
  // A trial file in the directory, removed at once: permissions, read-only file systems.
  const probe = temporaryPathFor(path);
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (cause) {
    throw new OutputError(path, `Cannot write ${path}: ${describe(cause)}`, { cause });
  } finally {
    await rm(probe, { force: true });
  }
}

let temporaries = 0;

/** The temporary file `writeImage` uses for `path`: hidden, beside it, unique. */
export function temporaryPathFor(path: string): string {
  // Unique among live processes by the pid, within this one by the count; the time tells apart a
  // leftover of an earlier process with the same pid.
  temporaries++;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${temporaries}.${Date.now().toString(36)}.tmp`);
}

function describe(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (cause as Error)?.message ?? String(cause);
  }
}
