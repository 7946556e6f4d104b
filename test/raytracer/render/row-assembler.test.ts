import { describe, expect, test } from 'vitest';
import { RowAssembler, type RowProgress } from '../../../src/raytracer/render/row-assembler.js';

const row = (value: number, rows = 1) => new Uint8Array(2 * 3 * rows).fill(value);

describe('RowAssembler', () => {
  test('places rows arriving in any order, one or several at a time, and reports each', () => {
    const seen: number[] = [];
    const rows = new RowAssembler(2, 3, 'Test', (p: RowProgress) => seen.push(p.y * 10 + p.done));
    rows.accept(2, row(9));
    rows.accept(0, row(7, 2));
    expect([...rows.finish().data]).toEqual([...row(7, 2), ...row(9)]);
    expect(seen).toEqual([21, 2, 13]);
  });

  test.each([
    ['a row out of range', (r: RowAssembler) => r.accept(3, row(1)), /Test delivered row 3 out of range/],
    ['a row twice', (r: RowAssembler) => (r.accept(1, row(1)), r.accept(0, row(1, 2))), /Test delivered row 1 twice/],
    ['part of a row', (r: RowAssembler) => r.accept(0, new Uint8Array(4)), /delivered 4 bytes at row 0, not whole rows of 6/],
    ['too few rows', (r: RowAssembler) => (r.accept(0, row(1)), r.finish()), /Test delivered 1 of 3 rows/],
  ])('rejects %s with ERR_RENDER_ROWS', (_name, act, message) => {
    expect(() => act(new RowAssembler(2, 3, 'Test'))).toThrow(expect.objectContaining({ code: 'ERR_RENDER_ROWS', message: expect.stringMatching(message) }));
  });
});
