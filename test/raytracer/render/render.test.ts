import { afterAll, describe, expect, test } from 'vitest';
import { parseScene, render, SceneError, STRATEGIES, type RowProgress } from '../../../src/raytracer/index.js';
import { traceRow } from '../../../src/raytracer/render/trace-row.js';
import { buildWorld } from '../../../src/raytracer/scene/build-world.js';
import { waitForNoChildren } from '../helpers/processes.js';
import { tinyScene } from '../helpers/scenes.js';

describe('render()', () => {
  afterAll(async () => {
    expect(await waitForNoChildren()).toEqual([]);
  });

  test('resolves with 8-bit RGB pixels, row by row as traceRow gives them', async () => {
    const image = await render(tinyScene(), { strategy: 'serial' });
    expect(image).toMatchObject({ width: 8, height: 6, channels: 3 });
    const world = buildWorld(parseScene(tinyScene()));
    for (let y = 0; y < 6; y++) expect(image.data.subarray(y * 24, (y + 1) * 24)).toEqual(traceRow(world, y));
  });

  test('the picture has a lit sphere, a floor and a black sky', async () => {
    const { data, width } = await render(tinyScene(), { strategy: 'serial' });
    const pixel = (x: number, y: number) => [...data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    expect(pixel(0, 0)).toEqual([0, 0, 0]);
    expect(Math.max(...pixel(4, 3))).toBeGreaterThan(0);
  });

  test('onRow reports every row once, with a running count', async () => {
    const seen: RowProgress[] = [];
    await render(tinyScene(), { strategy: 'queue', procs: 2, onRow: (p) => seen.push({ ...p, pixels: p.pixels.slice() }) });
    expect(seen.map((p) => p.y).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every((p) => p.total === 6 && p.pixels.length === 24)).toBe(true);
  });

  test.each([0, -1, 1.5, 1000, Number.NaN])('rejects procs = %s with a RangeError', async (procs) => {
    await expect(render(tinyScene(), { procs })).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  });

  test.each([0, 2.5])('rejects rowsPerTask = %s with a RangeError', async (rowsPerTask) => {
    await expect(render(tinyScene(), { rowsPerTask })).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  });

  test('rejects an unknown strategy, listing the known ones', async () => {
    // @ts-expect-error: not a strategy name
    await expect(render(tinyScene(), { strategy: 'threads' })).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_STRATEGY',
      message: expect.stringMatching(/"threads".*map, serial, pmap, queue, exchange, reuse, static/),
    });
  });

  test('validates the scene at the boundary', async () => {
    const error = await render({ ...tinyScene(), width: 0 }, { source: 'mine.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneError);
    expect((error as SceneError).message).toMatch(/^Invalid scene mine\.json/);
  });

  test.each(STRATEGIES)('%s: aborting mid-render rejects with an AbortError and ends its processes', async (strategy) => {
    const controller = new AbortController();
    const rendering = render({ ...tinyScene(), height: 40 }, { strategy, procs: 1, signal: controller.signal, onRow: () => controller.abort() });
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('an error thrown by onRow fails the render, and its processes end', async () => {
    const failure = new Error('stop here');
    const rendering = render({ ...tinyScene(), height: 40 }, { strategy: 'reuse', procs: 2, onRow: () => { throw failure; } });
    await expect(rendering).rejects.toBe(failure);
  });
});
