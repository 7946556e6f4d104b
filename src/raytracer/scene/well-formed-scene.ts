// The scene check without zod, for scenes that are already right: it
// accepts only data that the schema (schema.ts) accepts, and returns what
// the schema would, defaults filled in; anything else, it leaves to the
// schema, which says what is wrong. Importing zod costs a render command
// 60–85 ms before its first row; a valid scene need not pay for it.
import { MAX_SEED, MAX_SIZE } from '../limits.js';
import type { CameraSpec, LightSpec, ObjectSpec, SceneSpec, ShaderSpec } from './schema.js';

type Data = Record<string, unknown>;
type Vector = [number, number, number];

// Thrown at the first doubt; caught once, at the top.
const DOUBT = Symbol('not for the quick check');

/** `data` checked and completed as `sceneSchema` would, or `undefined` when the schema must decide (and explain). */
export function wellFormedScene(data: unknown): SceneSpec | undefined {
  try {
    return scene(data);
  } catch (error) {
    if (error === DOUBT) return undefined;
    throw error;
  }
}

function doubt(): never {
  throw DOUBT;
}

// A plain object with no fields but `allowed`, none of them undefined.
function record(value: unknown, allowed?: readonly string[]): Data {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) doubt();
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) doubt();
  for (const key of Object.keys(value)) {
    if ((allowed && !allowed.includes(key)) || (value as Data)[key] === undefined || key === '__proto__') doubt();
  }
  return value as Data;
}

const number = (value: unknown, min = -Infinity, max = Infinity): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : doubt();
const positive = (value: unknown): number => (number(value) > 0 ? (value as number) : doubt());
const int = (value: unknown, min: number, max: number): number => (Number.isSafeInteger(value) ? number(value, min, max) : doubt());
const text = (value: unknown): string => (typeof value === 'string' && value.length > 0 ? value : doubt());
const or = <T>(value: unknown, fallback: T, check: (value: unknown) => T): T => (value === undefined ? fallback : check(value));

function triple(value: unknown, min = -Infinity): Vector {
  if (!Array.isArray(value) || value.length !== 3) doubt();
  return [number(value[0], min), number(value[1], min), number(value[2], min)];
}
const colour = (value: unknown): Vector => triple(value, 0);
const nonZero = (value: unknown): Vector => {
  const v = triple(value);
  return v[0] !== 0 || v[1] !== 0 || v[2] !== 0 ? v : doubt();
};

function probes(value: unknown, samples: number, distance: number): { samples: number; distance: number } {
  if (value === undefined) return { samples, distance };
  const o = record(value, ['samples', 'distance']);
  return { samples: or(o.samples, samples, (v) => int(v, 0, 1000)), distance: or(o.distance, distance, positive) };
}

const SHADER_FIELDS: Record<string, readonly string[]> = {
  direct: ['type', 'colour'],
  everything: ['type', 'colour', 'reflection', 'occlusion'],
  spot: ['type', 'colour', 'reflection', 'occlusion', 'threshold', 'darken', 'scale'],
  bleed: ['type', 'colour', 'amount', 'bleed', 'occlusion'],
};

function shader(value: unknown): ShaderSpec {
  const type = record(value).type;
  const fields = typeof type === 'string' && Object.hasOwn(SHADER_FIELDS, type) ? SHADER_FIELDS[type] : doubt();
  const o = record(value, fields);
  const base = { colour: or(o.colour, [1, 1, 1] as Vector, colour) };
  const occlusion = () => probes(o.occlusion, 10, 2.5);
  const unit = (v: unknown) => number(v, 0, 1);
  switch (type) {
    case 'direct':
      return { type, ...base };
    case 'everything':
      return { type, ...base, reflection: or(o.reflection, 0.5, unit), occlusion: occlusion() };
    case 'spot':
      return {
        type,
        ...base,
        reflection: or(o.reflection, 0.5, unit),
        occlusion: occlusion(),
        threshold: or(o.threshold, 0.5, (v) => number(v)),
        darken: or(o.darken, 0.5, (v) => number(v, 0)),
        scale: or(o.scale, 1, positive),
      };
    default:
      return { type: 'bleed', ...base, amount: or(o.amount, 0.5, unit), bleed: probes(o.bleed, 8, 5), occlusion: occlusion() };
  }
}

function object(value: unknown): ObjectSpec {
  const type = record(value).type;
  if (type === 'sphere') {
    const o = record(value, ['type', 'centre', 'radius', 'shader']);
    return { type, centre: triple(o.centre), radius: positive(o.radius), shader: text(o.shader) };
  }
  if (type !== 'plane') doubt();
  const o = record(value, ['type', 'normal', 'distance', 'shader']);
  return { type, normal: nonZero(o.normal), distance: number(o.distance), shader: text(o.shader) };
}

function light(value: unknown): LightSpec {
  const type = record(value).type;
  if (type === 'parallel') {
    const o = record(value, ['type', 'direction', 'colour']);
    return { type, direction: nonZero(o.direction), colour: colour(o.colour) };
  }
  if (type !== 'point') doubt();
  const o = record(value, ['type', 'position', 'colour']);
  return { type, position: triple(o.position), colour: colour(o.colour) };
}

function camera(value: unknown): CameraSpec {
  const type = record(value).type;
  if (type === 'perspective') {
    const o = record(value, ['type', 'imagePlane', 'backPlane']);
    return { type, imagePlane: or(o.imagePlane, 5, positive), backPlane: or(o.backPlane, 2000, positive) };
  }
  if (type !== 'orthographic') doubt();
  const o = record(value, ['type', 'backPlane', 'scale']);
  return { type, backPlane: or(o.backPlane, 2000, positive), scale: or(o.scale, 1, positive) };
}

// Every index, holes included (a hole is undefined, which the schema refuses).
const list = <T>(value: unknown, each: (item: unknown) => T): T[] =>
  Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => each(value[i])) : doubt();

function scene(data: unknown): SceneSpec {
  const o = record(data, ['description', 'width', 'height', 'seed', 'camera', 'background', 'reflectionDepth', 'shaders', 'objects', 'lights']);
  const shaders: Record<string, ShaderSpec> = {};
  for (const [name, spec] of Object.entries(record(o.shaders))) shaders[text(name)] = shader(spec);
  const objects = list(o.objects, object);
  // Every object names a shader the file defines.
  if (objects.some((item) => !Object.hasOwn(shaders, item.shader))) doubt();
  return {
    ...(o.description !== undefined && { description: typeof o.description === 'string' ? o.description : doubt() }),
    width: int(o.width, 1, MAX_SIZE),
    height: int(o.height, 1, MAX_SIZE),
    seed: or(o.seed, 0, (v) => int(v, 0, MAX_SEED)),
    camera: or(o.camera, { type: 'perspective', imagePlane: 5, backPlane: 2000 }, camera),
    background: or(o.background, [0, 0, 0] as Vector, colour),
    reflectionDepth: or(o.reflectionDepth, 2, (v) => int(v, 0, 8)),
    shaders,
    objects,
    lights: list(o.lights, light),
  };
}
