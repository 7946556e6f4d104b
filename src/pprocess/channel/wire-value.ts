// Values on the wire: the structured-clone subset that survives a trip to
// another process unchanged, checked before anything is sent.
import { deserialize, serialize } from 'node:v8';

/**
 * Throws a `TypeError` naming the path of the first part of `value` that
 * cannot cross a channel: a function, a symbol, a shared buffer, or an
 * object whose prototype would be lost (a class instance).
 */
export function assertCloneable(value: unknown, path: string): void {
  check(value, path, new Set());
}

function check(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'function':
      throw notCloneable(path, 'a function');
    case 'symbol':
      throw notCloneable(path, 'a symbol');
    case 'object':
      break;
    default:
      return;
  }
  if (value === null || seen.has(value)) return;
  seen.add(value);

  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    if (value instanceof ArrayBuffer || !(value.buffer instanceof SharedArrayBuffer)) return;
    throw notCloneable(path, 'a view of a SharedArrayBuffer');
  }
  if (value instanceof SharedArrayBuffer) throw notCloneable(path, 'a SharedArrayBuffer');
  if (value instanceof Date || value instanceof RegExp || value instanceof Error) return;
  if (value instanceof Boolean || value instanceof Number || value instanceof String || value instanceof BigInt) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) check(value[i], `${path}[${i}]`, seen);
    return;
  }
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      check(key, `${path} (a Map key)`, seen);
      check(entry, `${path}.get(${keyText(key)})`, seen);
    }
    return;
  }
  if (value instanceof Set) {
    for (const member of value) check(member, `${path} (a Set member)`, seen);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = proto?.constructor?.name || 'an unknown class';
    throw notCloneable(path, `an instance of ${name}, whose prototype would be lost`);
  }
  for (const key of Object.keys(value)) {
    check((value as Record<string, unknown>)[key], `${path}${propertyText(key)}`, seen);
  }
}

function notCloneable(path: string, what: string): TypeError {
  const error = new TypeError(
    `${path} is ${what} and cannot be sent to another process; ` +
      'send plain data (numbers, strings, arrays, plain objects, Map, Set, Date, typed arrays, Buffers, Errors)',
  );
  (error as TypeError & { code: string }).code = 'ERR_NOT_CLONEABLE';
  return error;
}

function propertyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function keyText(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key);
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') return String(key);
  return '…';
}

/** Serializes a value already checked by `assertCloneable`. */
export function encodeValue(value: unknown): Buffer {
  return serialize(value);
}

/** Reverses `encodeValue`. */
export function decodeValue(bytes: Buffer): unknown {
  return deserialize(bytes);
}
