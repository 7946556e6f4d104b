import { describe, expect, test } from 'vitest';
import { parseScene } from '../../../../src/raytracer/index.js';
import { rowSpans, rowsPerTask, workerCount } from '../../../../src/raytracer/render/strategies/requests.js';
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

  test('never more processes than rows', () => {
    expect(workerCount(parseScene(tinyScene()), 64)).toBe(6);
  });
});
