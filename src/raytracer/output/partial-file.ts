// An image file while it is being written: under a temporary name beside
// its target, filled by positional writes in any order, and put in place by
// a rename only once complete, so that a reader never sees half an image.
import { rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { temporaryPathFor, writeError } from './write-image.js';

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
