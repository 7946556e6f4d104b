// How `render` runs when it is left to choose: a small image in its own
// process, anything larger on every core; --procs and --strategy are obeyed
// as given, and the pixels are the same whichever way it ran.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IN_PROCESS_PIXELS, planRender } from '../../src/cli/render-plan.js';
import { getNumberOfCores } from '../../src/pprocess/index.js';
import { render } from '../../src/raytracer/index.js';
import { decodePng } from '../raytracer/helpers/decode-png.js';
import { shippedScene } from '../raytracer/helpers/scenes.js';
import { runCli } from './helpers.js';

describe('planRender', () => {
  const auto = { strategy: 'map', procs: 8, auto: true } as const;

  test('left to the command, an image of at most IN_PROCESS_PIXELS is traced in this process', () => {
    expect(planRender(IN_PROCESS_PIXELS, 1, auto)).toMatchObject({ strategy: 'serial', procs: 1, reason: expect.stringContaining(String(IN_PROCESS_PIXELS)) });
    expect(planRender(IN_PROCESS_PIXELS + 1, 1, auto)).toEqual({ strategy: 'map', procs: 1 });
    expect(planRender(1000, 101, auto)).toEqual({ strategy: 'map', procs: 8 });
  });

  test('chosen on the command line, the strategy and processes are kept, at most one process per row', () => {
    expect(planRender(10, 10, { strategy: 'map', procs: 2, auto: false })).toEqual({ strategy: 'map', procs: 2 });
    expect(planRender(10, 1, { strategy: 'queue', procs: 2, auto: false })).toEqual({ strategy: 'queue', procs: 1 });
    expect(planRender(4000, 4000, { strategy: 'serial', procs: 2, auto: false })).toEqual({ strategy: 'serial', procs: 1 });
  });
});

describe('render command, left to choose', () => {
  const cores = getNumberOfCores();

  async function renderPygmy(width: number, height: number, extra: string[] = []) {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-plan-')), 'pygmy.png');
    const result = await runCli(['render', 'pygmy', '--width', String(width), '--height', String(height), ...extra, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const expected = await render(shippedScene('pygmy', { width, height }), { strategy: 'serial' });
    expect(Buffer.from(decodePng(readFileSync(out)).data).equals(Buffer.from(expected.data))).toBe(true);
    return result.stderr.split('\n')[0];
  }

  test('traces a small image in its own process, and says why', async () => {
    expect(await renderPygmy(300, 200)).toBe(`Rendering pygmy: 300×200, 1 process, strategy serial (at most ${IN_PROCESS_PIXELS} pixels, faster than starting processes)`);
  });

  test('renders a larger image on every core', async () => {
    const width = Math.ceil(Math.sqrt(IN_PROCESS_PIXELS + 1));
    expect(await renderPygmy(width, width)).toBe(`Rendering pygmy: ${width}×${width}, ${cores} process${cores === 1 ? '' : 'es'}, strategy map`);
  });

  test('keeps --procs or --strategy as given, however small the image', async () => {
    expect(await renderPygmy(30, 20, ['--procs', '2'])).toBe('Rendering pygmy: 30×20, 2 processes, strategy map');
    expect(await renderPygmy(30, 20, ['--strategy', 'queue'])).toBe(`Rendering pygmy: 30×20, ${cores} process${cores === 1 ? '' : 'es'}, strategy queue`);
  });
});
