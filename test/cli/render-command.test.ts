// The render command run as a real process: images written, summaries
// printed, and a clear message and exit code for each kind of mistake.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { render } from '../../src/raytracer/index.js';
import { decodePng } from '../raytracer/helpers/decode-png.js';
import { childPids, isRunning } from '../raytracer/helpers/processes.js';
import { scenePath, shippedScene } from '../raytracer/helpers/scenes.js';
import { finished, runCli, startCli } from './helpers.js';

const pygmy = scenePath('pygmy');

describe('render command', () => {
  test('renders with the chosen processes and strategy, writes the image and summarises', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const out = join(dir, 'small.png');
    const result = await runCli(['render', pygmy, '--width', '30', '--height', '20', '--procs', '2', '--strategy', 'queue', '--seed', '5', '--out', out]);
    expect(result.stderr).toMatch(/^Rendering .*pygmy\.json: 30×20, 2 processes, strategy queue\n/);
    expect(result.stdout).toMatch(/^Rendered 30×20 with 2 processes, strategy queue in \d+\.\d+ s \(\d+\.\d rows\/s\): wrote .*small\.png\n$/);
    expect(result.code).toBe(0);
    const expected = await render({ ...shippedScene('pygmy', { width: 30, height: 20 }), seed: 5 }, { strategy: 'serial' });
    expect(Buffer.from(decodePng(readFileSync(out)).data).equals(Buffer.from(expected.data))).toBe(true);
    expect(readdirSync(dir)).toEqual(['small.png']);
  });

  test('writes output/<scene>.tiff by default, and --quiet prints nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cli-'));
    const result = await runCli(['render', pygmy, '--width', '12', '--height', '8', '--strategy', 'serial', '--quiet'], cwd);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(cwd, 'output', 'pygmy.tiff')).subarray(0, 2).toString('latin1')).toMatch(/II|MM/);
  });

  test('--out naming a directory writes <scene>.<format> there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const result = await runCli(['render', pygmy, '--width', '12', '--height', '8', '--strategy', 'serial', '-q', '--out', dir, '--format', 'png']);
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['pygmy.png']);
  });

  test('renders a shipped scene by name from any directory, as its --help examples do', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cli-name-'));
    const result = await runCli(['render', 'pygmy', '--width', '12', '--height', '8', '--procs', '2', '--out', 'pygmy.png'], cwd);
    expect(result.stderr).toMatch(/^Rendering pygmy: 12×8, 2 processes, strategy map\n/);
    expect(result.code).toBe(0);
    const expected = await render(shippedScene('pygmy', { width: 12, height: 8 }), { strategy: 'serial' });
    expect(Buffer.from(decodePng(readFileSync(join(cwd, 'pygmy.png'))).data).equals(Buffer.from(expected.data))).toBe(true);
  });

  test('--help explains the options, strategies and exit codes, with examples', async () => {
    const result = await runCli(['render', '--help']);
    expect(result.code).toBe(0);
    for (const text of ['--procs', '--strategy', '--seed', '--out', '--format', '--quiet', 'Strategies:', 'Examples:', 'Exit codes:']) {
      expect(result.stdout).toContain(text);
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'cli-errors-'));
  const invalid = join(dir, 'invalid.json');
  writeFileSync(invalid, JSON.stringify({ ...shippedScene('pygmy'), objects: [{ type: 'sphere', centre: [0, 0, 9], radius: 'big', shader: 'spot' }] }));
  const misspelt = join(dir, 'misspelt.json');
  writeFileSync(misspelt, JSON.stringify({ ...shippedScene('pygmy'), objects: [{ type: 'sphere', centre: [0, 0, 9], raduis: 2, shader: 'spot' }] }));
  const wrongType = join(dir, 'wrong-type.json');
  writeFileSync(wrongType, JSON.stringify({ ...shippedScene('pygmy'), lights: [{ type: 'paralel', direction: [0, 1, 0], colour: [1, 1, 1] }] }));
  const notJson = join(dir, 'notjson.json');
  writeFileSync(notJson, '{ "width": ');
  writeFileSync(join(dir, 'a-file'), '');
  mkdirSync(join(dir, 'occupied.png', 'inside'), { recursive: true });

  test.concurrent.each<[string, number, string[], RegExp]>([
    ['a missing scene file', 3, ['render', join(dir, 'nope.json')], /^error: Scene file not found: .*nope\.json; the shipped scenes are banded, pygmy, showcase \(give a name instead of a file\)\n$/],
    ['an unknown scene name', 3, ['render', 'pygmi'], /^error: Scene file not found: pygmi; the shipped scenes are banded, pygmy, showcase/],
    ['a misspelt field', 3, ['render', misspelt], /^error: Invalid scene .*misspelt\.json \(2 problems\):\n {2}objects\[0\]\.radius: missing: expected number\n {2}objects\[0\]\.raduis: unknown field: did you mean "radius"\? \(the fields here are "type", "centre", "radius", "shader"; see scenes\/README\.md\)\n$/],
    ['a wrong type', 3, ['render', wrongType], /^error: Invalid scene .*wrong-type\.json \(1 problem\):\n {2}lights\[0\]\.type: unknown type "paralel": did you mean "parallel"\? \(expected one of "parallel", "point"\)\n$/],
    ['--out naming a directory that does not exist', 4, ['render', pygmy, '--out', join(dir, 'renders') + '/'], /^error: Cannot write into .*renders\/: no such directory \(create it first, or name an image file such as .*renders\/scene\.png\)\n$/],
    ['--out naming neither a directory nor an image file', 2, ['render', pygmy, '--out', join(dir, 'renders')], /Cannot tell the image format of .*renders from its extension: .*if .*renders is meant to be a directory, create it first/],
    ['a scene that is not JSON', 3, ['render', notJson], /^error: Scene file .*notjson\.json is not valid JSON/],
    ['an invalid scene', 3, ['render', invalid], /^error: Invalid scene .*invalid\.json \(1 problem\):\n {2}objects\[0\]\.radius: expected number, received string\n$/],
    ['an output path under a file', 4, ['render', pygmy, '--out', join(dir, 'a-file', 'x.png')], /^error: Cannot write .*a-file\/x\.png: .*a-file is not a directory\n$/],
    ['an output directory that does not exist', 4, ['render', pygmy, '--out', join(dir, 'none', 'x.png')], /directory .*none: does not exist/],
    ['an unknown format', 2, ['render', pygmy, '--format', 'jpeg'], /argument 'jpeg' is invalid\. Allowed choices are tiff, tif, png/],
    ['an extension of no format', 2, ['render', pygmy, '--out', join(dir, 'x.jpg')], /Cannot tell the image format of .*x\.jpg from its extension: use \.tiff, \.tif, \.png, or give --format/],
    ['a format contradicting the extension', 2, ['render', pygmy, '--out', join(dir, 'x.png'), '--format', 'tiff'], /--format tiff does not match the extension of .*x\.png/],
    ['an unknown strategy', 2, ['render', pygmy, '--strategy', 'threads'], /argument 'threads' is invalid\. Allowed choices are map, serial, pmap, queue, exchange, reuse, static/],
    ['a non-numeric width', 2, ['render', pygmy, '--width', 'wide'], /'--width <pixels>' argument 'wide' is invalid\. Expected a whole number from 1 to 16384/],
    ['a fractional height', 2, ['render', pygmy, '--height', '2.5'], /argument '2\.5' is invalid\. Expected a whole number/],
    ['zero processes', 2, ['render', pygmy, '--procs', '0'], /argument '0' is invalid\. Out of range: expected a whole number from 1 to 256/],
    ['a negative seed', 2, ['render', pygmy, '--seed', '-1'], /argument '-1' is invalid\. Out of range: expected a whole number from 0 to 4294967295/],
    ['an unknown option', 2, ['render', pygmy, '--colour', 'red'], /unknown option '--colour'/],
  ])('%s: exit code %i and a clear message', async (_name, code, args, message) => {
    const result = await runCli(args, dir);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  test('an interrupted render leaves no image, no temporary file and no process behind', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cli-interrupt-'));
    mkdirSync(join(cwd, 'output'));
    writeFileSync(join(cwd, 'output', 'showcase.png'), 'the previous good image');
    const child = startCli(['render', scenePath('showcase'), '--procs', '2', '--format', 'png'], cwd);
    const done = finished(child);
    // Interrupt once both created processes are at work.
    let workers: number[] = [];
    for (let i = 0; i < 400 && workers.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      workers = childPids(child.pid);
    }
    expect(workers).toHaveLength(2);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code, JSON.stringify(result)).toBe(130);
    expect(result.stderr).toMatch(/\nInterrupted: no image written\n$/);
    expect(readdirSync(join(cwd, 'output'))).toEqual(['showcase.png']);
    expect(readFileSync(join(cwd, 'output', 'showcase.png'), 'utf8')).toBe('the previous good image');
    for (let i = 0; i < 40 && workers.some(isRunning); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(workers.filter(isRunning)).toEqual([]);
  });
});
