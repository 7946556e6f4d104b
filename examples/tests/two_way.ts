// two_way: a conversation over one channel. The created process sends a
// number, the creator (an Exchange subclass) answers with one less, and so on
// until the created process receives 0. Both sides print what they do.
//
//   npx tsx examples/tests/two_way.ts [--from 20]
//
// Twin of the original's tests/two_way.py.
import { parseArgs } from 'node:util';
import * as pprocess from '../../src/pprocess/index.js';

/** The creator's side: each number received is answered with one less. */
class Ex extends pprocess.Exchange {
  override async storeData(channel: pprocess.Channel): Promise<void> {
    const data = await channel.receive<number>();
    console.log('Parent:', data);
    await channel.send(data - 1);
    console.log('Parent sent');
  }
}

/** The created process's side: sends `data`, then whatever comes back, until that is 0. */
export async function child(channel: pprocess.Channel, data: number): Promise<void> {
  while (data !== 0) {
    console.log('Child:', data);
    await channel.send(data);
    console.log('Child sent');
    data = await channel.receive<number>();
  }
}

if (pprocess.isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { from: { type: 'string', default: '20' } } });
  const from = Number(values.from);
  if (!Number.isInteger(from) || from < 0) throw new RangeError(`--from must be an integer ≥ 0, got ${values.from}`);

  const ex = new Ex();
  ex.add(pprocess.start(pprocess.task(import.meta.url, child), from));
  await ex.finish();
}
