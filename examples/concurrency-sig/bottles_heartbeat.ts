// bottles_heartbeat: bottles with a heartbeat. The same nested processes
// follow the files and pick out the lines matching each pattern, but the
// printer waits for a line at most DELAY milliseconds at a time, and says so
// when none came. It runs until it is interrupted, and its processes end
// with it.
//
//   npx tsx examples/concurrency-sig/bottles_heartbeat.ts [--dir DIR] [--delay MS]
//
// follows DIR/test, DIR/test2 and DIR/test3 (DIR defaults to /tmp), which
// must exist; DELAY defaults to 5000.
// Twin of the original's examples/concurrency-sig/bottles_heartbeat.py.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pprocess from '../../src/pprocess/index.js';
import { multigrep } from './bottles.js';

/** Prints each line as it arrives, or a notice after each `delayMs` without one, forever. */
export async function heartbeatPrinter(lines: pprocess.Queue<string>, delayMs: number): Promise<never> {
  const next = lines[Symbol.asyncIterator]();
  for (;;) {
    // Wait for a line, but no longer than the delay.
    await lines.store(delayMs);
    if (lines.length > 0) {
      const { value } = await next.next();
      console.log((value as string).trim());
    } else {
      console.log(`No input received for ${delayMs} ms.`);
    }
  }
}

if (pprocess.isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: '/tmp' }, delay: { type: 'string', default: '5000' } } });
  const delayMs = Number(values.delay);
  if (!Number.isInteger(delayMs) || delayMs < 1) throw new RangeError(`--delay must be a whole number of milliseconds, at least 1: got ${values.delay}`);
  const fnames = ['test', 'test2', 'test3'].map((name) => join(values.dir, name));

  // Permit multiple simultaneous grep activities, run from the bottles module.
  const queue = new pprocess.Queue<string>({ continuous: true });
  const multigrepManaged = queue.manage(pprocess.task(new URL('./bottles.ts', import.meta.url), multigrep));

  // Launch concurrent grep activities.
  await multigrepManaged('.*pants.*', fnames);
  await multigrepManaged('.*trousers.*', fnames);
  await multigrepManaged('.*shorts.*', fnames);

  // Print incoming lines, or a heartbeat.
  await heartbeatPrinter(queue, delayMs);
}
