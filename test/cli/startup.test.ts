// What the command line loads before it does its work: a serial render and
// --help load none of the process library or the cluster code, so that they
// start as fast as node allows; a render with processes does load the
// library, and leaves the tracer to its processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { outcome } from '../helpers/processes.js';
import { CLI } from './helpers.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

// A module hook that appends the pid and the URL of every module loaded to the file named by its
// data. Created processes inherit it with the command's flags, so they record theirs too.
const RECORD = `data:text/javascript,import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data; }
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(file, process.pid + ' ' + url + '\\n');
  return next(url, context);
}`;

/** The modules a command line loaded: its own, and those of the processes it created. */
interface Loaded {
  command: string[];
  created: string[];
}

/** Runs the command line with `args` and resolves with the URLs of the modules it loaded, and its processes. */
async function modulesLoaded(args: string[]): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), 'cli-startup-'));
  const list = join(dir, 'modules.txt');
  const register = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(RECORD)}, { data: ${JSON.stringify(list)} });`;
  const child = spawn(process.execPath, ['--import', TSX, '--import', register, CLI, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = await outcome(child);
  expect(result.exitCode, result.stderr).toBe(0);
  const records = readFileSync(list, 'utf8').split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]);
  return {
    command: records.filter(([pid]) => Number(pid) === child.pid).map(([, url]) => url),
    created: records.filter(([pid]) => Number(pid) !== child.pid).map(([, url]) => url),
  };
}

const library = /\/src\/pprocess\/process\/pool\.ts$/;
const cluster = /\/src\/pprocess\/cluster\//;
const tracer = /\/src\/raytracer\/trace\//;
const rowWorker = /\/src\/raytracer\/render\/row-worker\.ts$/;
const zod = /\/node_modules\/zod\//;

test('a serial render loads the tracer, and none of the process library, the cluster code or zod', async () => {
  const { command, created } = await modulesLoaded(['render', 'pygmy', '--width', '12', '--height', '8', '--strategy', 'serial', '--quiet', '--out', 'x.tiff']);
  expect(command.some((url) => tracer.test(url))).toBe(true);
  expect(command.filter((url) => library.test(url) || cluster.test(url) || zod.test(url))).toEqual([]);
  expect(created).toEqual([]);
});

test('--help loads neither the tracer nor the process library', async () => {
  const { command } = await modulesLoaded(['--help']);
  expect(command.some((url) => url.endsWith('/src/cli.ts'))).toBe(true);
  expect(command.filter((url) => library.test(url) || cluster.test(url) || tracer.test(url))).toEqual([]);
});

test('a render with created processes loads the process library and not the tracer; its processes load the tracer', async () => {
  const { command, created } = await modulesLoaded(['render', 'pygmy', '--width', '12', '--height', '8', '--procs', '1', '--quiet', '--out', 'x.tiff']);
  expect(command.some((url) => library.test(url))).toBe(true);
  expect(command.filter((url) => cluster.test(url) || tracer.test(url) || rowWorker.test(url))).toEqual([]);
  expect(created.some((url) => rowWorker.test(url))).toBe(true);
  expect(created.some((url) => tracer.test(url))).toBe(true);
});
