// A background process's watch on its own socket file: once the file is
// deleted or replaced, no client can reach the process any more, and it
// must not wait for one forever.
import { statSync, type Stats } from 'node:fs';

/** How often a background process checks that its socket file is still its own. */
export const SOCKET_FILE_CHECK_MS = 1000;

/**
 * Calls `onLost` (once) with a sentence saying what happened, when the file
 * at `path` is no longer the one with inode `ino`: deleted, or replaced by
 * another. The checks do not keep the process alive. Returns a function that
 * stops them.
 */
export function watchSocketFile(path: string, ino: number, onLost: (what: string) => void): () => void {
  const timer = setInterval(() => {
    let now: Stats | undefined;
    try {
      now = statSync(path, { throwIfNoEntry: false });
    } catch {
      return; // Cannot look (its directory's permissions changed, say): look again later.
    }
    if (now?.ino === ino) return;
    clearInterval(timer);
    onLost(now ? `the socket file ${path} was replaced by another file` : `the socket file ${path} was deleted`);
  }, SOCKET_FILE_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
