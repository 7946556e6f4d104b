// An image file while it is being written: under a temporary name beside
// its target, filled by positional writes in any order, and put in place by
// a rename only once complete, so that a reader never sees half an image
// and a failed write never replaces a good one. What goes wrong is said in
// words, naming the file.
import { rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../errors.js';

/** A file being written under a temporary name, to be put in place or removed. */
export class PartialFile {
  readonly #path: string;
  readonly #temporary: string;
  readonly #file: FileHandle;
  readonly #writes: Promise<void>[] = [];
  #failure: unknown;
  // Should the process exit mid-render (a second Ctrl-C), the partial file goes with it.
  readonly #removeOnExit = () => rmSync(this.#temporary, { force: true });

  /** Creates the temporary file for `path`; an `OutputError` (`ERR_OUTPUT_WRITE`) if it cannot. */
  static async create(path: string): Promise<PartialFile> {
    const temporary = temporaryPathFor(path);
    const file = await open(temporary, 'wx').catch((cause: unknown) => {
      throw writeError(path, cause);
    });
    return new PartialFile(path, temporary, file);
  }

  private constructor(path: string, temporary: string, file: FileHandle) {
    this.#path = path;
    this.#temporary = temporary;
    this.#file = file;
    process.on('exit', this.#removeOnExit);
  }

  /** Writes `bytes` (not copied: left alone until written) at `position`; the first failure is kept for `complete()`. */
  write(bytes: Uint8Array, position: number): void {
    const file = this.#file;
    // Whole, even if the system writes it in pieces.
    const all = async () => {
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
        done += bytesWritten;
      }
    };
    this.#writes.push(all().catch((error: unknown) => this.fail(error)));
  }

  /** Records a failure of the file's making, for `complete()` to report. */
  fail(error: unknown): void {
    this.#failure ??= error;
  }

  /**
   * Runs `last` (the file's last writes), waits for every write, then closes
   * the file and puts it in place; on failure removes it and rejects with an
   * `OutputError` naming the file.
   */
  async complete(last: () => void | Promise<void>): Promise<void> {
    try {
      await last();
      await Promise.all(this.#writes);
      if (this.#failure !== undefined) throw this.#failure;
      await this.#file.close();
      await rename(this.#temporary, this.#path);
    } catch (cause) {
      await this.abandon();
      throw writeError(this.#path, cause);
    } finally {
      process.off('exit', this.#removeOnExit);
    }
  }

  /** Removes what was written. */
  async abandon(): Promise<void> {
    process.off('exit', this.#removeOnExit);
    await Promise.allSettled(this.#writes);
    await this.#file.close().catch(() => {});
    await rm(this.#temporary, { force: true });
  }
}

let temporaries = 0;

/** The temporary file for `path`: hidden, beside it, unique. */
export function temporaryPathFor(path: string): string {
  // Unique among live processes by the pid, within this one by the count; the time tells apart a
  // leftover of an earlier process with the same pid.
  temporaries++;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${temporaries}.${Date.now().toString(36)}.tmp`);
}

/** The `OutputError` for a write of `path` that failed with `cause`, saying what went wrong in words. */
export function writeError(path: string, cause: unknown): OutputError {
  return new OutputError(path, `Cannot write ${path}: ${describeFailure(cause)}`, { cause });
}

/** What a failed file operation's `cause` means, in words. */
export function describeFailure(cause: unknown): string {
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
