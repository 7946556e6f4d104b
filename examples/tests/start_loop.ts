// start_loop: a created process that prints every number its creator sends
// it, until one reaches the limit; then it answers "Done", which the creator
// prints.
//
//   npx tsx examples/tests/start_loop.ts [--limit 100]
//
// Twin of the original's tests/start_loop.py.
import { parseArgs } from 'node:util';
import * as pprocess from '../../src/pprocess/index.js';

/** Prints each number received below `limit`; at `limit` or beyond, answers "Done". */
export async function loop(channel: pprocess.Channel, limit: number): Promise<void> {
  console.log('loop to', limit);
  let i = await channel.receive<number>();
  while (i < limit) {
    console.log(i);
    i = await channel.receive<number>();
  }
  await channel.send('Done');
}

if (pprocess.isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { limit: { type: 'string', default: '100' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`--limit must be an integer ≥ 0, got ${values.limit}`);

  const channel = pprocess.start(pprocess.task(import.meta.url, loop), limit);
  for (let i = 0; i <= limit; i++) await channel.send(i);
  console.log(await channel.receive());
  channel.close();
}
