import { describe, expect, test } from 'vitest';
import { assertCloneable, decodeValue, encodeValue } from '../../../src/pprocess/channel/wire-value.js';

class Point {
  constructor(readonly x = 1) {}
}

describe('assertCloneable', () => {
  test.each([
    ['a function', [1, { callback: () => 1 }], 'args[1].callback is a function'],
    ['a symbol', { tag: Symbol('x') }, 'args.tag is a symbol'],
    ['a class instance', [new Point()], 'args[0] is an instance of Point'],
    ['a value in a Map', new Map([['k', () => 1]]), 'args.get("k") is a function'],
    ['a Set member', new Set([Symbol('s')]), 'args (a Set member) is a symbol'],
    ['an odd key', { 'a-b': () => 1 }, 'args["a-b"] is a function'],
    ['a shared buffer', { shared: new SharedArrayBuffer(8) }, 'args.shared is a SharedArrayBuffer'],
  ])('names the path of %s', (_what, value, message) => {
    expect(() => assertCloneable(value, 'args')).toThrow(TypeError);
    expect(() => assertCloneable(value, 'args')).toThrow(message);
  });

  test('accepts structured-clone data, cycles included', () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    const value = {
      n: 1, s: 'x', b: true, big: 10n, nil: null, undef: undefined, date: new Date(0), re: /x/g,
      list: [1, [2, [3]]], map: new Map([[1, { a: 1 }]]), set: new Set([1, 2]),
      bytes: new Uint8Array([1, 2]), floats: new Float32Array(2), buffer: Buffer.from('hi'),
      error: new RangeError('r'), proto: Object.create(null), cyclic,
    };
    expect(() => assertCloneable(value, 'value')).not.toThrow();
  });
});

describe('encodeValue/decodeValue', () => {
  test('round-trips Map, Set, BigInt, Date, typed arrays and Buffers', () => {
    const value = {
      map: new Map<unknown, unknown>([['a', 1], [2, new Set(['b'])]]),
      big: 2n ** 70n,
      date: new Date(1234),
      floats: new Float64Array([1.5, -2]),
      buffer: Buffer.from('bytes'),
    };
    const back = decodeValue(encodeValue(value)) as typeof value;
    expect(back).toEqual(value);
    expect(Buffer.isBuffer(back.buffer)).toBe(true);
    expect(back.floats).toBeInstanceOf(Float64Array);
  });
});
