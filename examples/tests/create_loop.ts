// create_loop: a process made fork-style with create() prints every number
// its creator sends it, until one reaches the limit; then it answers "Done",
// which the creator prints. The same loop as start_loop, with the created
// process's code inline in the program instead of in a task function.
//
//   npx tsx examples/tests/create_loop.ts [--limit 100]
//
// Twin of the original's tests/create_loop.py.
import { parseArgs } from 'node:util';
import * as pprocess from '../../src/pprocess/index.js';

if (pprocess.isMain(import.meta.url)) {
  // The created process replays this program, options included, up to create().
  const { values } = parseArgs({ options: { limit: { type: 'string', default: '100' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`--limit must be an integer ≥ 0, got ${values.limit}`);

  const channel = await pprocess.create();
  if (channel.pid === 0) {
    // The created process: print each number below the limit, then answer.
    try {
      let i = await channel.receive<number>();
      while (i < limit) {
        console.log(i);
        i = await channel.receive<number>();
      }
      await channel.send('Done');
    } finally {
      await pprocess.exit(channel);
    }
  } else {
    for (let i = 0; i <= limit; i++) await channel.send(i);
    console.log(await channel.receive());
    channel.close();
  }
}
