// The package as a user gets it: packed from a fresh copy of the repository,
// installed from the tarball into a new project, and used from there through
// the README's examples, the raytracer's library example and the command line.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outcome, repoRoot } from '../helpers/processes.js';
import { codeBlock, packAndInstall, type PackedProject } from './helpers/packed-project.js';

let packed: PackedProject;
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const raytracerPage = readFileSync(join(repoRoot, 'docs', 'raytracer.md'), 'utf8');

beforeAll(async () => {
  packed = await packAndInstall();
}, 300_000);

afterAll(() => {
  if (packed) rmSync(packed.root, { recursive: true, force: true });
});

// Runs a command in the consumer project.
function inProject(command: string, args: string[]) {
  return outcome(spawn(command, args, { cwd: packed.project, stdio: ['ignore', 'pipe', 'pipe'] }));
}

const installed = () => join(packed.project, 'node_modules', 'pprocess');

describe('the tarball', () => {
  test('holds the build with its types, the scenes and the licence texts, and no source maps, sources or lab tools', () => {
    for (const file of ['dist/pprocess/index.js', 'dist/pprocess/index.d.ts', 'dist/raytracer/index.js', 'dist/raytracer/index.d.ts', 'dist/cli.js', 'dist/render-bench/run-render-bench.js', 'scenes/pygmy.json', 'LICENSE', 'README.md']) {
      expect(packed.files).toContain(file);
    }
    expect(packed.files.filter((file) => file.endsWith('.map') || /^(src|test|bench|bench-build|examples|dist\/bench)\//.test(file))).toEqual([]);
    expect(packed.files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(installed(), file), 'utf8')).filter((js) => js.includes('sourceMappingURL'))).toEqual([]);
  });

  test("ships a licence text for every licence its SPDX expression names", () => {
    const { license } = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as { license: string };
    const ids = license.match(/[A-Za-z0-9.+-]+-or-later|[A-Za-z0-9.+-]+-only/g) ?? [];
    expect(ids).toEqual(['LGPL-3.0-or-later', 'GPL-2.0-or-later']);
    for (const id of [...ids, 'GPL-3.0-or-later']) expect(packed.files).toContain(`LICENSES/${id}.txt`);
    expect(readFileSync(join(installed(), 'LICENSES', 'GPL-2.0-or-later.txt'), 'utf8')).toMatch(/GNU GENERAL PUBLIC LICENSE\s+Version 2, June 1991/);
    expect(readFileSync(join(installed(), 'LICENSES', 'LGPL-3.0-or-later.txt'), 'utf8')).toMatch(/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007/);
  });

  test('its published types hide the members marked @internal', () => {
    const declarations = packed.files.filter((file) => file.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(10);
    const exposing = declarations.filter((file) => readFileSync(join(installed(), file), 'utf8').includes('@internal'));
    expect(exposing).toEqual([]);
  });
});

describe("the README's library example", () => {
  test('runs with tsx, in input order, as the same function run serially computes', async () => {
    writeFileSync(join(packed.project, 'work.ts'), codeBlock(readme, '// work.ts'));
    const result = await inProject('npx', ['tsx', 'work.ts']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const { countPrimes, INPUTS } = await serialTwin();
    expect(result.stdout.trim().split('\n').map(Number)).toEqual(INPUTS.map(countPrimes));
  });

  test("compiles with the README's tsconfig and runs with node", async () => {
    writeFileSync(join(packed.project, 'work.ts'), codeBlock(readme, '// work.ts'));
    writeFileSync(join(packed.project, 'tsconfig.json'), codeBlock(readme, '{'));
    const compiled = await inProject('npx', ['tsc', '-p', '.']);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.exitCode).toBe(0);
    const result = await inProject(process.execPath, [join('dist', 'work.js')]);
    expect(result.stderr).toBe('');
    const { countPrimes, INPUTS } = await serialTwin();
    expect(result.stdout.trim().split('\n').map(Number)).toEqual(INPUTS.map(countPrimes));
  }, 60_000);

  test('the types catch a misuse', async () => {
    writeFileSync(join(packed.project, 'tsconfig.json'), codeBlock(readme, '{'));
    writeFileSync(join(packed.project, 'work.ts'), [
      "import { makeParallel, pmap } from 'pprocess';",
      'export function double(n: number): number { return n * 2; }',
      "pmap(makeParallel(import.meta.url, double), ['not a number']);",
    ].join('\n'));
    const result = await inProject('npx', ['tsc', '-p', '.', '--noEmit']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toMatch(/work\.ts\(3,.*error TS2345: .*'string\[\]' is not assignable to parameter of type 'Iterable<number>'/);
  }, 60_000);
});

// The example's function, and the inputs it passes to pmap, run in this process.
async function serialTwin(): Promise<{ countPrimes: (below: number) => number; INPUTS: number[] }> {
  const source = codeBlock(readme, '// work.ts');
  const inputs = /pmap\([^,]+,\s*countPrimes\),\s*(\[[^\]]*\])/.exec(source)?.[1];
  expect(inputs, 'the inputs of pmap in the README example').toBeDefined();
  const module = (await import(join(packed.project, 'work.ts'))) as { countPrimes: (below: number) => number };
  return { countPrimes: module.countPrimes, INPUTS: JSON.parse(inputs!.replaceAll('_', '')) as number[] };
}

describe('the raytracer', () => {
  test('as a library (docs/raytracer.md): renders the shipped pygmy scene by name', async () => {
    writeFileSync(join(packed.project, 'render-pygmy.ts'), codeBlock(raytracerPage, '// render-pygmy.ts'));
    const result = await inProject('npx', ['tsx', 'render-pygmy.ts']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/200\/200 rows\n/);
    const png = readFileSync(join(packed.project, 'pygmy.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([300, 200]);
  }, 60_000);

  test('npx pprocess-raytracer render pygmy writes output/pygmy.tiff', async () => {
    const result = await inProject('npx', ['pprocess-raytracer', 'render', 'pygmy', '--procs', '2']);
    expect(result.stderr).toMatch(/^Rendering pygmy: 300×200, 2 processes, strategy map\n/);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/wrote output\/pygmy\.tiff\n$/);
    expect(readFileSync(join(packed.project, 'output', 'pygmy.tiff')).subarray(0, 2).toString('latin1')).toMatch(/II|MM/);
  }, 60_000);

  test('every example of render --help works once installed (at a small size)', async () => {
    const help = await inProject('npx', ['pprocess-raytracer', 'render', '--help']);
    const examples = [...help.stdout.matchAll(/^ {2}\$ pprocess-raytracer (.*?)(?:\s+#.*)?$/gm)].map((match) => match[1]!.split(/\s+/));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const args of examples) {
      const result = await inProject('npx', ['pprocess-raytracer', ...args, '--width', '32', '--height', '24']);
      expect(result.stderr, args.join(' ')).not.toMatch(/error/);
      expect(result.exitCode, args.join(' ')).toBe(0);
    }
    expect(readdirSync(join(packed.project, 'output')).sort()).toEqual(expect.arrayContaining(['banded.tiff', 'showcase.png', 'showcase.tiff']));
    expect(existsSync(join(packed.project, 'pygmy.png'))).toBe(true);
  }, 120_000);
});
