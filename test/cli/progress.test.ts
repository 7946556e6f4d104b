import { describe, expect, test } from 'vitest';
import { createProgress, describeProgress, estimateSeconds, fitLine, formatSeconds } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe('progress', () => {
  test('describes rows done, rate, elapsed time and ETA', () => {
    expect(describeProgress(120, 720, 4)).toBe('120/720 rows (16%)  30.0 rows/s  elapsed 4.00 s  ETA 20.0 s');
  });

  test.each([
    ['no row done', 0, 720, 0.5],
    ['the first row of many, however long it took', 1, 720, 3],
    ['under a tenth of the rows', 71, 720, 30],
    ['a tenth of the rows, but in under a second', 72, 720, 0.9],
  ])('hides the ETA until it means something: %s', (_name, done, total, elapsedS) => {
    expect(estimateSeconds(done, total, elapsedS)).toBeUndefined();
    expect(describeProgress(done, total, elapsedS)).not.toContain('ETA');
  });

  test('extrapolates the ETA from the work done once a tenth of the rows are in', () => {
    expect(estimateSeconds(72, 720, 2)).toBeCloseTo(18);
    expect(estimateSeconds(360, 720, 5)).toBeCloseTo(5);
    expect(estimateSeconds(720, 720, 5)).toBe(0);
  });

  test.each([20, 40, 50, 60, 79, 80, 120, 200])('a bar line fits a terminal %i columns wide, without using the last column', (columns) => {
    for (const [done, elapsedS] of [[0, 0], [1, 0.2], [360, 5], [12345, 600], [16384, 9000]] as const) {
      const line = fitLine(done, 16384, elapsedS, columns);
      expect(line.length, line).toBeLessThanOrEqual(columns - 1);
      expect(line).toMatch(/\d+%/);
    }
    expect(fitLine(360, 720, 5, columns)).toContain(columns >= 40 ? '[' : '%');
  });

  test.each([
    [0.274, '0.27 s'],
    [14.25, '14.3 s'],
    [59.9, '59.9 s'],
    [125, '2 m 05 s'],
    [179.7, '3 m 00 s'],
  ])('formats %f s as %s', (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });

  test('on a terminal, redraws one line (throttled) and clears it at the end', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ total: 100, stream, now: () => now, redrawIntervalMs: 100 });
    now = 50;
    progress.update(10); // too soon: not drawn
    now = 150;
    progress.update(20);
    now = 300;
    progress.update(40);
    progress.finish();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\r\[#+-+\] 20\/100 rows \(20%\)/);
    expect(writes[1]).toMatch(/^\r\[#+-+\] 40\/100 rows/);
    expect(writes[2]).toBe('\r\x1b[K');
  });

  test('elsewhere, prints a plain line per interval, and a last one for long renders', () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createProgress({ total: 10, stream, now: () => now, lineIntervalMs: 1000 });
    for (let done = 1; done <= 10; done++) {
      now += 300;
      progress.update(done);
    }
    progress.finish();
    expect(writes).toEqual([
      '4/10 rows (40%)  3.3 rows/s  elapsed 1.20 s  ETA 1.80 s\n',
      '8/10 rows (80%)  3.3 rows/s  elapsed 2.40 s  ETA 0.60 s\n',
      '10/10 rows (100%)  3.3 rows/s  elapsed 3.00 s  ETA 0.00 s\n',
    ]);
  });

  test('a quick render off a terminal prints no progress lines', () => {
    const { writes, stream } = fakeStream(false);
    const progress = createProgress({ total: 5, stream, now: () => 10 });
    progress.update(5);
    progress.finish();
    expect(writes).toEqual([]);
  });
});
