// Another program using this package by its name: the compiled library
// through package.json's exports, with its types, as npm would install it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { outcome, repoRoot } from '../helpers/processes.js';

let project: string;

beforeAll(() => {
  // npm test builds dist/ first: the exports point there.
  project = mkdtempSync(join(tmpdir(), 'pprocess-consumer-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(repoRoot, join(project, 'node_modules', 'pprocess'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

test("a program imports { pmap } from 'pprocess' and the raytracer from 'pprocess/raytracer', and runs in parallel", async () => {
  writeFileSync(join(project, 'work.js'), [
    "import { getNumberOfCores, isMain, makeParallel, pmap } from 'pprocess';",
    "import { STRATEGIES } from 'pprocess/raytracer';",
    'export function square(n) { return n * n; }',
    'if (isMain(import.meta.url)) {',
    '  const squares = [];',
    '  for await (const value of pmap(makeParallel(import.meta.url, square), [1, 2, 3, 4], { limit: 2 })) squares.push(value);',
    '  console.log(JSON.stringify({ squares, cores: getNumberOfCores() > 0, strategies: STRATEGIES.includes("map") }));',
    '}',
  ].join('\n'));
  const result = await outcome(spawn(process.execPath, ['work.js'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] }));
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ squares: [1, 4, 9, 16], cores: true, strategies: true });
});

test('the exports carry types: a strict TypeScript program type-checks against them, and a misuse is caught', async () => {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
      skipLibCheck: true, types: ['node'], typeRoots: [join(repoRoot, 'node_modules', '@types')],
    },
    files: ['use.ts'],
  }));
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const check = (source: string) => {
    writeFileSync(join(project, 'use.ts'), source);
    return outcome(spawn(process.execPath, [tsc, '-p', project], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] }));
  };

  const good = await check([
    "import { Exchange, makeParallel, pmap, type Channel } from 'pprocess';",
    "import { render, type RenderOptions } from 'pprocess/raytracer';",
    'export function double(n: number): number { return n * 2; }',
    'const results: AsyncIterable<number> = pmap(makeParallel(import.meta.url, double), [1, 2], { limit: 2 });',
    'const exchange: Exchange = new Exchange({ limit: 2 });',
    "const options: RenderOptions = { procs: 2, strategy: 'queue' };",
    'export { results, exchange, options, render };',
    'export type { Channel };',
  ].join('\n'));
  expect(good.stdout + good.stderr).toBe('');
  expect(good.exitCode).toBe(0);

  const bad = await check([
    "import { pmap, makeParallel } from 'pprocess';",
    'export function double(n: number): number { return n * 2; }',
    "pmap(makeParallel(import.meta.url, double), ['not a number']);",
  ].join('\n'));
  expect(bad.exitCode).not.toBe(0);
  expect(bad.stdout).toMatch(/use\.ts\(3,.*error TS2345: .*'string\[\]' is not assignable to parameter of type 'Iterable<number>'/);
}, 60_000);
