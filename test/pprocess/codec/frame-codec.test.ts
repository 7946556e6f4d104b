import { describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder, HEADER_BYTES } from '../../../src/pprocess/codec/frame-codec.js';

function frameBytes(kind: number, text: string): Buffer {
  const [header, body] = encodeFrame(kind, Buffer.from(text));
  return Buffer.concat([header, body]);
}

function decodeAll(decoder: FrameDecoder, chunks: Buffer[]) {
  return chunks.flatMap((chunk) => decoder.push(chunk)).map((frame) => [frame.kind, frame.body.toString()]);
}

describe('FrameDecoder', () => {
  const stream = Buffer.concat([frameBytes(1, 'hello'), frameBytes(2, ''), frameBytes(3, 'x'.repeat(1000))]);
  const expected = [[1, 'hello'], [2, ''], [3, 'x'.repeat(1000)]];

  test('decodes frames delivered in one chunk', () => {
    expect(decodeAll(new FrameDecoder(), [stream])).toEqual(expected);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 64, 999])('decodes frames split into chunks of %i bytes', (size) => {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < stream.length; offset += size) chunks.push(stream.subarray(offset, offset + size));
    const decoder = new FrameDecoder();
    expect(decodeAll(decoder, chunks)).toEqual(expected);
    expect(decoder.buffered).toBe(0);
    expect(() => decoder.end()).not.toThrow();
  });

  test('decodes a frame split at every possible point', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new FrameDecoder();
      expect(decodeAll(decoder, [stream.subarray(0, cut), stream.subarray(cut)])).toEqual(expected);
    }
  });

  test('keeps a partial frame until the rest arrives', () => {
    const decoder = new FrameDecoder();
    const bytes = frameBytes(1, 'abcdef');
    expect(decoder.push(bytes.subarray(0, HEADER_BYTES + 2))).toEqual([]);
    expect(decoder.buffered).toBe(HEADER_BYTES + 2);
    expect(() => decoder.end()).toThrow(expect.objectContaining({ code: 'ERR_PROTOCOL' }));
    expect(decodeAll(decoder, [bytes.subarray(HEADER_BYTES + 2)])).toEqual([[1, 'abcdef']]);
  });

  test('rejects a length prefix above the maximum before allocating', () => {
    const decoder = new FrameDecoder(1024);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(0xffffffff, 0);
    expect(() => decoder.push(header)).toThrow(expect.objectContaining({ code: 'ERR_PROTOCOL' }));
  });

  test('rejects a frame without a kind byte', () => {
    expect(() => new FrameDecoder().push(Buffer.alloc(4))).toThrow(expect.objectContaining({ code: 'ERR_PROTOCOL' }));
  });

  test('accepts a frame exactly at the maximum', () => {
    const decoder = new FrameDecoder(HEADER_BYTES - 4 + 10);
    expect(decodeAll(decoder, [frameBytes(9, '0123456789')])).toEqual([[9, '0123456789']]);
  });

  test.each([0, -1, 1.5, Number.NaN])('refuses maxFrameBytes %s', (max) => {
    expect(() => new FrameDecoder(max)).toThrow(RangeError);
  });
});

describe('encodeFrame', () => {
  test('writes the length of kind and body, then the kind', () => {
    const [header, body] = encodeFrame(4, Buffer.from('abc'));
    expect([...header]).toEqual([0, 0, 0, 4, 4]);
    expect(Buffer.from(body).toString()).toBe('abc');
  });
});
