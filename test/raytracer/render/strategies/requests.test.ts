import { describe, expect, test } from 'vitest';
import { parseScene } from '../../../../src/raytracer/index.js';
import { rowSpans, rowsPerTask, spanPlan, workerCount } from '../../../../src/raytracer/render/strategies/requests.js';
import { tinyScene } from '../../helpers/scenes.js';

describe('cutting rows into tasks', () => {
  test.each([
    [200, 2, 3],
    [720, 2, 8],
    [1080, 2, 8],
    [30, 3, 1],
    [1, 1, 1],
  ])('%i rows on %i processes: %i rows per task (about 32 tasks each, 1 to 8 rows)', (height, workers, expected) => {
    expect(rowsPerTask(height, workers)).toBe(expected);
  });

  test('a requested size wins, up to the height', () => {
    expect(rowsPerTask(720, 2, 20)).toBe(20);
    expect(rowsPerTask(10, 2, 20)).toBe(10);
  });

  test('spans cover every row once, in order, the last one shorter', () => {
    expect(rowSpans(10, 4)).toEqual([
      { y: 0, rows: 4 },
      { y: 4, rows: 4 },
      { y: 8, rows: 2 },
    ]);
  });

  test.each([
    [2160, 2],
    [200, 2],
    [1080, 4],
    [37, 3],
  ])('the plan for %i rows on %i processes covers every row once, in order, its spans shrinking to one row at the end', (height, workers) => {
    const spans = spanPlan(height, workers);
    let y = 0;
    for (const span of spans) {
      expect(span.y).toBe(y);
      y += span.rows;
    }
    expect(y).toBe(height);
    const size = rowsPerTask(height, workers);
    const sizes = spans.map((span) => span.rows);
    expect(Math.max(...sizes)).toBe(size);
    expect(sizes.at(-1)).toBe(1);
    // Never growing again once they shrink.
    for (let i = 1; i < sizes.length; i++) if (sizes[i - 1]! < size) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
  });

  test('a requested size, or a single process, keeps every span that size', () => {
    expect(spanPlan(10, 2, 4)).toEqual(rowSpans(10, 4));
    expect(spanPlan(720, 1)).toEqual(rowSpans(720, rowsPerTask(720, 1)));
  });

  test('never more processes than rows', () => {
    expect(workerCount(parseScene(tinyScene()), 64)).toBe(6);
  });
});
