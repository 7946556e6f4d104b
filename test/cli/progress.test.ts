import { describe, expect, test } from 'vitest';
import { createProgress, describeProgress, formatSeconds } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe('progress', () => {
  test('describes rows done, rate, elapsed time and ETA', () => {
    expect(describeProgress(120, 720, 4)).toBe('120/720 rows (16%)  30.0 rows/s  elapsed 4.00 s  ETA 20.0 s');
    expect(describeProgress(0, 10, 0)).toMatch(/ETA \?$/);
  });

  test.each([
    [0.274, '0.27 s'],
    [14.25, '14.3 s'],
    [59.9, '59.9 s'],
    [125, '2 m 05 s'],
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
