// The packed tracer against the objects' own methods: every row of every
// kind of shape, shader, light and camera must come out byte for byte the
// same, and worlds with parts of other kinds still render through the objects.
import { describe, expect, test } from 'vitest';
import { parseScene, type SceneInput } from '../../../src/raytracer/index.js';
import { Sphere } from '../../../src/raytracer/geometry/sphere.js';
import { Vec3 } from '../../../src/raytracer/math/vec3.js';
import { traceObjectRow, traceRow } from '../../../src/raytracer/render/trace-row.js';
import { buildWorld } from '../../../src/raytracer/scene/build-world.js';
import type { World } from '../../../src/raytracer/scene/world.js';
import type { Shader } from '../../../src/raytracer/shading/shader.js';
import { packedWorldOf } from '../../../src/raytracer/trace/packed-world.js';
import { shippedScene, tinyScene } from '../helpers/scenes.js';

// Every shader kind, both lights, a plane, and spheres that shadow, reflect and bleed into each other.
function everyKind(camera: SceneInput['camera']): SceneInput {
  return {
    width: 48,
    height: 32,
    seed: 5,
    camera,
    reflectionDepth: 3,
    shaders: {
      flat: { type: 'direct', colour: [0.9, 0.5, 0.2] },
      shiny: { type: 'everything', reflection: 0.7, occlusion: { samples: 6, distance: 3 } },
      floor: { type: 'spot', threshold: 0.2, darken: 0.3, scale: 2 },
      soft: { type: 'bleed', amount: 0.6, bleed: { samples: 4, distance: 6 } },
      dark: { type: 'everything', occlusion: { samples: 0, distance: 1 } },
    },
    objects: [
      { type: 'sphere', centre: [0, 0, 20], radius: 3, shader: 'shiny' },
      { type: 'sphere', centre: [4, -1, 18], radius: 1.5, shader: 'flat' },
      { type: 'sphere', centre: [-4, -1.5, 19], radius: 2, shader: 'soft' },
      { type: 'sphere', centre: [1, 3.5, 24], radius: 1, shader: 'dark' },
      { type: 'plane', normal: [0, 1, 0], distance: 3, shader: 'floor' },
      { type: 'plane', normal: [0, 0, -1], distance: 40, shader: 'soft' },
    ],
    lights: [
      { type: 'parallel', direction: [1, 1, -1], colour: [0.6, 0.7, 0.5] },
      { type: 'point', position: [-5, 10, 5], colour: [0.5, 0.4, 0.9] },
    ],
  } as SceneInput;
}

const scenes: Array<[string, SceneInput]> = [
  ['pygmy', shippedScene('pygmy', { width: 60, height: 40 })],
  ['showcase', shippedScene('showcase', { width: 64, height: 36 })],
  ['banded', shippedScene('banded', { width: 64, height: 36 })],
  ['every kind, perspective', everyKind({ type: 'perspective', imagePlane: 3, backPlane: 500 })],
  ['every kind, orthographic', everyKind({ type: 'orthographic', backPlane: 500, scale: 6 })],
];

function rows(world: World, trace: (world: World, y: number) => Uint8Array): Buffer {
  return Buffer.concat(Array.from({ length: world.height }, (_, y) => trace(world, y)));
}

describe('the packed tracer', () => {
  test.each(scenes)('%s: every row is byte for byte the objects\' row', (_name, scene) => {
    const world = buildWorld(parseScene(scene));
    expect(packedWorldOf(world)).toBeDefined();
    const packed = rows(world, traceRow);
    const objects = rows(world, traceObjectRow);
    expect(packed.equals(objects)).toBe(true);
    // Not a blank picture that would match anything.
    expect(new Set(packed).size).toBeGreaterThan(10);
  });

  test('a world with a shape of another kind is traced through its methods', () => {
    const world = buildWorld(parseScene(tinyScene()));
    let probes = 0;
    const shader: Shader = { shade: () => new Vec3(1, 0, 0) };
    // A sphere in all but its class: counts the segments tested against it.
    const inner = new Sphere(new Vec3(0, 0, 20), 3, shader);
    const custom = {
      shader,
      intersect: inner.intersect.bind(inner),
      hitAt: inner.hitAt.bind(inner),
      within: inner.within.bind(inner),
      hitT: (...args: Parameters<Sphere['hitT']>) => (probes++, inner.hitT(...args)),
    };
    const mixed: World = { ...world, shapes: [custom, ...world.shapes.slice(1)] };
    expect(packedWorldOf(mixed)).toBeUndefined();
    const row = traceRow(mixed, 3);
    expect(probes).toBeGreaterThan(0);
    expect(Buffer.from(row).equals(Buffer.from(traceObjectRow(mixed, 3)))).toBe(true);
    expect(row[4 * 3]).toBe(255); // the custom shader's red at the sphere's centre
  });
});
