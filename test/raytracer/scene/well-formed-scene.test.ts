// The quick scene check against the schema: for every scene it accepts it
// must give exactly what the schema gives, and every scene the schema
// refuses it must leave to the schema (which explains what is wrong).
import { describe, expect, test } from 'vitest';
import { sceneSchema } from '../../../src/raytracer/index.js';
import { wellFormedScene } from '../../../src/raytracer/scene/well-formed-scene.js';
import { shippedScene, tinyScene } from '../helpers/scenes.js';

// Every optional field given, with values other than the defaults.
const everyField = {
  description: 'all of it',
  width: 40,
  height: 30,
  seed: 7,
  camera: { type: 'orthographic', backPlane: 300, scale: 4 },
  background: [0.1, 0.2, 0.3],
  reflectionDepth: 3,
  shaders: {
    flat: { type: 'direct', colour: [0.5, 0.5, 0.1] },
    shiny: { type: 'everything', colour: [1, 0.9, 0.9], reflection: 0.25, occlusion: { samples: 3, distance: 1 } },
    floor: { type: 'spot', reflection: 1, occlusion: { samples: 0 }, threshold: -0.5, darken: 0, scale: 3 },
    soft: { type: 'bleed', amount: 0, bleed: { distance: 2 }, occlusion: { distance: 9 } },
    bare: { type: 'bleed' },
  },
  objects: [
    { type: 'sphere', centre: [0, 0, 20], radius: 3, shader: 'shiny' },
    { type: 'plane', normal: [0, 0, -2], distance: -40, shader: 'soft' },
  ],
  lights: [
    { type: 'parallel', direction: [0, 1, 0], colour: [2, 2, 2] },
    { type: 'point', position: [1, 2, 3], colour: [0, 0, 0] },
  ],
};

const accepted: Array<[string, unknown]> = [
  ['pygmy', shippedScene('pygmy')],
  ['showcase', shippedScene('showcase')],
  ['banded', shippedScene('banded')],
  ['tiny, defaults left out', tinyScene()],
  ['every optional field given', everyField],
  ['a perspective camera with its defaults', { ...tinyScene(), camera: { type: 'perspective' } }],
];

// Each a change that the schema refuses.
const edits: Array<[string, (s: any) => void]> = [
  ['a missing width', (s) => delete s.width],
  ['a string height', (s) => (s.height = '30')],
  ['a fractional width', (s) => (s.width = 10.5)],
  ['a width of zero', (s) => (s.width = 0)],
  ['a width too large', (s) => (s.width = 16385)],
  ['an infinite threshold', (s) => (s.shaders.floor.threshold = Infinity)],
  ['a negative radius', (s) => (s.objects[0].radius = -1)],
  ['a vector of two numbers', (s) => (s.objects[0].centre = [1, 2])],
  ['a vector of four numbers', (s) => (s.objects[0].centre = [1, 2, 3, 4])],
  ['a hole in the objects', (s) => (s.objects = [s.objects[0], , s.objects[1]])],
  ['an unknown object type', (s) => (s.objects[1].type = 'cube')],
  ['an unknown shader type', (s) => (s.shaders.floor.type = 'chrome')],
  ['a shader of no type', (s) => delete s.shaders.flat.type],
  ['an unknown light type', (s) => (s.lights[0].type = 'spot')],
  ['a zero light direction', (s) => (s.lights[0].direction = [0, 0, 0])],
  ['a zero plane normal', (s) => (s.objects[1].normal = [0, 0, 0])],
  ['a light without a colour', (s) => delete s.lights[1].colour],
  ['a negative colour', (s) => (s.lights[0].colour = [1, -1, 1])],
  ['a reflection share above 1', (s) => (s.shaders.shiny.reflection = 2)],
  ['fractional occlusion samples', (s) => (s.shaders.shiny.occlusion = { samples: 2.5 })],
  ['too many bleed samples', (s) => (s.shaders.soft.bleed = { samples: 1001 })],
  ['a seed out of range', (s) => (s.seed = 2 ** 32)],
  ['a reflection depth of 9', (s) => (s.reflectionDepth = 9)],
  ['an unknown camera', (s) => (s.camera = { type: 'fisheye' })],
  ['an unknown field in a camera', (s) => (s.camera.zoom = 2)],
  ['an unknown top-level field', (s) => (s.colour = [1, 1, 1])],
  ['an unknown field in an object', (s) => (s.objects[0].colour = 'red')],
  ['an unknown field in a shader', (s) => (s.shaders.floor.spots = 3)],
  ['an unknown field in occlusion', (s) => (s.shaders.shiny.occlusion.rays = 3)],
  ['an undefined shader name', (s) => (s.objects[0].shader = 'gold')],
  ['an empty shader name', (s) => (s.shaders[''] = { type: 'direct' })],
  ['a description that is not text', (s) => (s.description = 3)],
  ['no objects list', (s) => delete s.objects],
  ['objects that are not a list', (s) => (s.objects = {})],
  ['shaders that are a list', (s) => (s.shaders = [])],
];

describe('wellFormedScene', () => {
  test.each(accepted)('%s: accepted, with exactly what the schema gives', (_name, data) => {
    const quick = wellFormedScene(data);
    expect(quick).toBeDefined();
    expect(quick).toStrictEqual(sceneSchema.parse(data));
    // Its own output too (defaults already filled in).
    expect(wellFormedScene(quick)).toStrictEqual(quick);
  });

  test.each(edits)('%s: refused by the schema, and left to it', (_name, edit) => {
    const data = structuredClone(everyField) as any;
    edit(data);
    expect(sceneSchema.safeParse(data).success).toBe(false);
    expect(wellFormedScene(data)).toBeUndefined();
  });

  test.each([['a string', 'a scene'], ['null', null], ['a list', []], ['a number', 3]])('%s: left to the schema', (_name, data) => {
    expect(wellFormedScene(data)).toBeUndefined();
  });
});
