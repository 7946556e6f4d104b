// The same scene renders to the same bytes whatever the strategy and the
// number of processes, and no created process outlives a render.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { render, STRATEGIES, type RgbImage } from '../../../src/raytracer/index.js';
import { waitForNoChildren } from '../helpers/processes.js';
import { shippedScene } from '../helpers/scenes.js';

// Small, so that starting processes dominates; the pygmy scene, so that
// every pixel of the lower half draws random occlusion samples.
const scene = shippedScene('pygmy', { width: 40, height: 30 });

describe('determinism across strategies and process counts', () => {
  let reference: RgbImage;

  beforeAll(async () => {
    reference = await render(scene, { strategy: 'serial' });
  });

  afterAll(async () => {
    expect(await waitForNoChildren()).toEqual([]);
  });

  // With 3 processes, tasks of 4 rows (the last one shorter); otherwise the default, 1 row at this height.
  const cases = STRATEGIES.filter((s) => s !== 'serial').flatMap((strategy) =>
    [1, 2, 3].map((procs) => [strategy, procs, procs === 3 ? 4 : undefined] as const),
  );

  test.concurrent.each(cases)('%s with %i process(es), rows per task %s, matches the serial render byte for byte', async (strategy, procs, rowsPerTask) => {
    const image = await render(scene, { strategy, procs, rowsPerTask });
    expect(image.width).toBe(40);
    expect(image.height).toBe(30);
    expect(Buffer.from(image.data).equals(Buffer.from(reference.data))).toBe(true);
  });

  test('another seed gives another picture', async () => {
    const other = await render({ ...scene, seed: 99 }, { strategy: 'serial' });
    expect(Buffer.from(other.data).equals(Buffer.from(reference.data))).toBe(false);
  });
});
