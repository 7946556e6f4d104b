// Cluster URLs: the forms accepted, and a clear ERR_CLUSTER_URL for others;
// an unreachable Redis fails within seconds with ERR_CLUSTER_UNREACHABLE.
import { expect, test } from 'vitest';
import { ClusterError, connectCluster, parseClusterUrl, startWorker } from '../../src/pprocess/cluster/index.js';
import { runCli } from '../cli/helpers.js';

test.each([
  ['redis://localhost:6379', { host: 'localhost', port: 6379, db: 0, tls: false }],
  ['redis://:s3cret@queue.example:6380/2', { host: 'queue.example', port: 6380, db: 2, tls: false, password: 's3cret', display: 'redis://:***@queue.example:6380/2' }],
  ['redis://render:pa%40ss@10.1.2.3', { host: '10.1.2.3', port: 6379, username: 'render', password: 'pa@ss', display: 'redis://render:***@10.1.2.3' }],
  ['rediss://:k@[::1]:6390/1', { host: '::1', port: 6390, db: 1, tls: true, password: 'k' }],
  ['unix:///run/redis/redis.sock', { path: '/run/redis/redis.sock', db: 0, tls: false }],
])('%s is understood', (url, expected) => {
  expect(parseClusterUrl(url, {})).toMatchObject(expected);
});

test('a password missing from the URL comes from PPROCESS_CLUSTER_PASSWORD', () => {
  expect(parseClusterUrl('redis://queue.example:6379', { PPROCESS_CLUSTER_PASSWORD: 'from-env' })).toMatchObject({ password: 'from-env', display: 'redis://queue.example:6379' });
});

test.each([
  ['http://localhost:6379', /has scheme http:/],
  ['redis://', /has no host/],
  ['redis://localhost:6379/x', /has database "x", not a number/],
  ['redis://localhost:6379/0?timeout=3', /query or fragment/],
  ['unix://relative/path.sock', /absolute socket path/],
  ['localhost:6379', /has scheme localhost:/],
  ['not a url', /is not a URL/],
])('%s is refused with ERR_CLUSTER_URL', (url, reason) => {
  const error = (() => {
    try {
      parseClusterUrl(url);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(ClusterError);
  expect((error as ClusterError).code).toBe('ERR_CLUSTER_URL');
  expect((error as Error).message).toMatch(reason);
  expect((error as Error).message).toMatch(/expected redis:\/\/\[:password@\]host:port\[\/db\]/);
});

test('a password never appears in the error message', () => {
  expect(() => parseClusterUrl('redis://:topsecret@host:6379/zz')).toThrow(/redis:\/\/:\*\*\*@host/);
  expect(() => parseClusterUrl('redis://:topsecret@host:6379/zz')).not.toThrow(/topsecret/);
});

test.each([
  ['a missing socket', 'unix:///nonexistent/pprocess-test.sock'],
  ['a closed port', 'redis://127.0.0.1:1'],
])('connecting to %s fails with ERR_CLUSTER_UNREACHABLE, client and worker alike', async (_what, url) => {
  await expect(connectCluster(url)).rejects.toMatchObject({ code: 'ERR_CLUSTER_UNREACHABLE', message: expect.stringContaining(`Cannot reach Redis at ${url}`) });
  await expect(startWorker(url, { concurrency: 1 })).rejects.toMatchObject({ code: 'ERR_CLUSTER_UNREACHABLE' });
});

test('the command line refuses a bad --cluster URL with exit code 2, for worker and render alike', async () => {
  const worker = await runCli(['worker', '--cluster', 'ftp://queue.example']);
  expect(worker.code).toBe(2);
  expect(worker.stderr).toMatch(/option '--cluster <url>' argument 'ftp:\/\/queue.example' is invalid.*has scheme ftp:/);
  const render = await runCli(['render', '--cluster', 'unix://relative.sock', '--quiet']);
  expect(render.code).toBe(2);
  expect(render.stderr).toMatch(/absolute socket path/);
});

test('a worker that cannot reach Redis exits with code 1, saying so', async () => {
  const result = await runCli(['worker', '--cluster', 'unix:///nonexistent/pprocess-test.sock', '--concurrency', '1']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: Cannot reach Redis at unix:\/\/\/nonexistent\/pprocess-test\.sock/);
});
