// bullmq and ioredis are loaded only when a cluster is used: importing the
// library, or even pprocess/cluster, loads neither.
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { outcome, repoRoot } from '../helpers/processes.js';

// A module-resolution hook that refuses bullmq and ioredis, so that any load of them fails loudly.
const REFUSE = `data:text/javascript,export async function resolve(specifier, context, next) {
  if (/^(bullmq|ioredis)$/.test(specifier)) throw new Error('loaded ' + specifier);
  return next(specifier, context);
}`;

const PROGRAM = `
import { register } from 'node:module';
register(${JSON.stringify(REFUSE)});
const library = await import('pprocess');
const cluster = await import('pprocess/cluster');
const used = await cluster.connectCluster('unix:///nonexistent/pprocess.sock').catch((error) => error.message);
console.log(JSON.stringify({ pmap: typeof library.pmap, connect: typeof cluster.connectCluster, used }));
`;

test('importing pprocess and pprocess/cluster loads neither bullmq nor ioredis; connecting does', async () => {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PROGRAM], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = await outcome(child);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ pmap: 'function', connect: 'function', used: 'loaded ioredis' });
});
