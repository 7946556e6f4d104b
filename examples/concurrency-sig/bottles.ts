// bottles: the "99 bottles" challenge of the Python concurrency SIG: follow
// several files as they grow (like `tail -f`), pick out the lines matching
// several patterns at once, and print them. Processes nest: the program runs
// one continuous Queue of grep processes, and each of those runs a continuous
// Queue of its own with one follower process per file. It runs until it is
// interrupted, and its processes end with it.
//
//   npx tsx examples/concurrency-sig/bottles.ts [--dir DIR]
//
// follows DIR/test, DIR/test2 and DIR/test3 (DIR defaults to /tmp), which must exist.
// Twin of the original's examples/concurrency-sig/bottles.py.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import * as pprocess from '../../src/pprocess/index.js';

// How often a follower looks for new lines at the end of its file.
const POLL_MS = 100;

/** Sends each line (with its line break) appended to `fname` after it was opened, forever. */
export async function follow(ch: pprocess.Channel, fname: string): Promise<void> {
  const file = await open(fname, 'r');
  try {
    let position = (await file.stat()).size; // start at the end
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(64 * 1024);
    let partial = '';
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) {
        await sleep(POLL_MS);
        continue;
      }
      position += bytesRead;
      // A line still being written is kept until its line break arrives.
      const lines = (partial + decoder.write(buffer.subarray(0, bytesRead))).split(/(?<=\n)/);
      partial = lines.at(-1)!.endsWith('\n') ? '' : lines.pop()!;
      for (const line of lines) await ch.send(line);
    }
  } finally {
    await file.close();
  }
}

/** Sends over `ch` each of `lines` that matches `pattern` from its start. */
export async function grep(ch: pprocess.Channel, lines: AsyncIterable<string>, pattern: string): Promise<void> {
  // Sticky, so that a match must begin at the start of the line.
  const regex = new RegExp(pattern, 'y');
  for await (const line of lines) {
    regex.lastIndex = 0;
    if (regex.test(line)) await ch.send(line);
  }
}

/** Prints each line, without the space around it. */
export async function printer(lines: AsyncIterable<string>): Promise<void> {
  for await (const line of lines) console.log(line.trim());
}

/** Follows every one of `fnames` at once, each in a process of its own, sending the lines that match `pattern`. */
export async function multigrep(ch: pprocess.Channel, pattern: string, fnames: string[]): Promise<void> {
  const queue = new pprocess.Queue<string>({ continuous: true });
  const multifollow = queue.manage(pprocess.task(import.meta.url, follow));

  // Launch concurrent following activities.
  for (const fname of fnames) await multifollow(fname);

  // Handle incoming lines using the specified pattern.
  await grep(ch, queue, pattern);
}

if (pprocess.isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: '/tmp' } } });
  const fnames = ['test', 'test2', 'test3'].map((name) => join(values.dir, name));

  // Permit multiple simultaneous grep activities.
  const queue = new pprocess.Queue<string>({ continuous: true });
  const multigrepManaged = queue.manage(pprocess.task(import.meta.url, multigrep));

  // Launch concurrent grep activities.
  await multigrepManaged('.*pants.*', fnames);
  await multigrepManaged('.*trousers.*', fnames);
  await multigrepManaged('.*shorts.*', fnames);

  // Print incoming lines.
  await printer(queue);
}
