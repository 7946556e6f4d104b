// Whether a background process's socket file can be trusted before a client
// connects: it must be this user's, in directories nobody else can change,
// or another user could move it aside, listen at its path and forge results.
import { realpathSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { SocketAddressError } from '../errors.js';

/** The code of the error for a socket file that another user could have put there. */
export const UNTRUSTED_SOCKET = 'ERR_SOCKET_UNTRUSTED';

const STICKY = 0o1000;
const WRITABLE_BY_GROUP_OR_OTHERS = 0o022;

/**
 * Throws a `SocketAddressError` (code `ERR_SOCKET_UNTRUSTED`) unless the
 * socket file at `path` belongs to this user, and every directory from its
 * own up to the root (symbolic links followed) belongs to this user or root
 * and cannot be written by anyone else, except sticky directories such as
 * /tmp, where nobody may move another user's file. Does nothing if the file
 * does not exist (connecting reports that), or where the platform has no user
 * ids (Windows).
 */
export function assertTrustedSocket(path: string): void {
  const me = process.getuid?.();
  if (me === undefined) return;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return;
  }
  const file = statSync(real);
  if (file.uid !== me) {
    throw untrusted(path, `the socket file belongs to user ${file.uid}, not to this user (${me})`);
  }
  for (let directory = dirname(real); ; directory = dirname(directory)) {
    const why = untrustedDirectory(statSync(directory), me);
    if (why) throw untrusted(path, `its directory ${directory} ${why}`);
    if (dirname(directory) === directory) return;
  }
}

// Why another user could move or replace a file in this directory, if they could.
function untrustedDirectory(directory: Stats, me: number): string | undefined {
  if (directory.uid !== me && directory.uid !== 0) return `belongs to user ${directory.uid}`;
  if ((directory.mode & WRITABLE_BY_GROUP_OR_OTHERS) === 0) return undefined;
  if (directory.mode & STICKY) return undefined;
  const mode = (directory.mode & 0o7777).toString(8).padStart(4, '0');
  return `can be written by other users (mode ${mode}, without the sticky bit)`;
}

function untrusted(path: string, why: string): SocketAddressError {
  return new SocketAddressError(UNTRUSTED_SOCKET, path,
    `Refusing to connect to ${path}: ${why}, so another user could have put it there. ` +
      'Keep socket files in a directory only you can write to (mode 0700), such as one made with mkdtemp');
}
