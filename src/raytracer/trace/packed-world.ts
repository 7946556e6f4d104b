// A world packed into flat typed arrays for the tracer's hot loops: one
// kind and eight numbers per shape, its shader's parameters beside them,
// and the lights likewise, so that tracing a ray reads doubles from memory
// in a row instead of chasing objects and calling through interfaces.
import { Plane } from '../geometry/plane.js';
import { Sphere } from '../geometry/sphere.js';
import { ParallelLight } from '../lighting/parallel-light.js';
import { PointLight } from '../lighting/point-light.js';
import type { World } from '../scene/world.js';
import { BleedShader, DirectShader, EverythingShader, SpotShader } from '../shading/shaders.js';

/** Shape kinds. */
export const SPHERE = 0;
export const PLANE = 1;
/** Numbers per shape in `PackedWorld.geometry`: sphere cx, cy, cz, r², radius, 1/radius; plane nx, ny, nz, distance. */
export const GEOMETRY_STRIDE = 8;

/** Shader kinds. */
export const DIRECT = 0;
export const EVERYTHING = 1;
export const SPOT = 2;
export const BLEED = 3;
/**
 * Numbers per shape in `PackedWorld.shading`, at these offsets: the colour;
 * the share of reflection (bleed: of bled colour); occlusion samples and
 * distance; the spot threshold, darkening and scale; bleed samples and distance.
 */
export const SHADING_STRIDE = 12;
export const COLOUR = 0;
export const SHARE = 3;
export const OCCLUSION_SAMPLES = 4;
export const OCCLUSION_DISTANCE = 5;
export const THRESHOLD = 6;
export const DARKEN = 7;
export const SCALE = 8;
export const BLEED_SAMPLES = 9;
export const BLEED_DISTANCE = 10;

/** Light kinds. */
export const PARALLEL = 0;
export const POINT = 1;
/** Numbers per light in `PackedWorld.lighting`: the colour, then parallel direction and probe, or point position. */
export const LIGHT_STRIDE = 9;

/** The packed form of a `World` whose shapes, shaders and lights are all the built-in ones. */
export interface PackedWorld {
  readonly shapes: number;
  readonly shapeKind: Uint8Array;
  readonly geometry: Float64Array;
  readonly shaderKind: Uint8Array;
  readonly shading: Float64Array;
  readonly lights: number;
  readonly lightKind: Uint8Array;
  readonly lighting: Float64Array;
}

const packed = new WeakMap<World, PackedWorld | null>();

/** `world` packed (once per world), or `undefined` when it holds a shape, shader or light of another kind. */
export function packedWorldOf(world: World): PackedWorld | undefined {
  let entry = packed.get(world);
  if (entry === undefined) packed.set(world, (entry = pack(world) ?? null));
  return entry ?? undefined;
}

function pack(world: World): PackedWorld | undefined {
  const shapes = world.shapes.length;
  const shapeKind = new Uint8Array(shapes);
  const geometry = new Float64Array(shapes * GEOMETRY_STRIDE);
  const shaderKind = new Uint8Array(shapes);
  const shading = new Float64Array(shapes * SHADING_STRIDE);
  for (let i = 0; i < shapes; i++) {
    const shape = world.shapes[i]!;
    const g = i * GEOMETRY_STRIDE;
    if (shape instanceof Sphere) {
      shapeKind[i] = SPHERE;
      geometry.set([shape.centre.x, shape.centre.y, shape.centre.z, shape.radius * shape.radius, shape.radius, 1 / shape.radius], g);
    } else if (shape instanceof Plane) {
      shapeKind[i] = PLANE;
      geometry.set([shape.normal.x, shape.normal.y, shape.normal.z, shape.distance], g);
    } else return undefined;
    const kind = packShader(shape.shader, shading, i * SHADING_STRIDE);
    if (kind === undefined) return undefined;
    shaderKind[i] = kind;
  }
  const lights = world.lights.length;
  const lightKind = new Uint8Array(lights);
  const lighting = new Float64Array(lights * LIGHT_STRIDE);
  for (let i = 0; i < lights; i++) {
    const light = world.lights[i]!;
    const l = i * LIGHT_STRIDE;
    lighting.set(light.colour.toArray(), l);
    if (light instanceof ParallelLight) {
      lightKind[i] = PARALLEL;
      lighting.set([...light.direction.toArray(), ...light.probe.toArray()], l + 3);
    } else if (light instanceof PointLight) {
      lightKind[i] = POINT;
      lighting.set(light.position.toArray(), l + 3);
    } else return undefined;
  }
  return { shapes, shapeKind, geometry, shaderKind, shading, lights, lightKind, lighting };
}

// Writes a shader's parameters at `at` and returns its kind.
function packShader(shader: unknown, out: Float64Array, at: number): number | undefined {
  if (shader instanceof DirectShader) {
    out.set(shader.colour.toArray(), at + COLOUR);
    return DIRECT;
  }
  if (!(shader instanceof EverythingShader || shader instanceof SpotShader || shader instanceof BleedShader)) return undefined;
  const { options } = shader;
  out.set(options.colour.toArray(), at + COLOUR);
  out[at + OCCLUSION_SAMPLES] = options.occlusion.samples;
  out[at + OCCLUSION_DISTANCE] = options.occlusion.distance;
  if (shader instanceof BleedShader) {
    out[at + SHARE] = shader.options.amount;
    out[at + BLEED_SAMPLES] = shader.options.bleed.samples;
    out[at + BLEED_DISTANCE] = shader.options.bleed.distance;
    return BLEED;
  }
  out[at + SHARE] = shader.options.reflection;
  if (shader instanceof EverythingShader) return EVERYTHING;
  out[at + THRESHOLD] = shader.options.threshold;
  out[at + DARKEN] = shader.options.darken;
  out[at + SCALE] = shader.options.scale;
  return SPOT;
}
