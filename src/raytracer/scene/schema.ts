// The scene file format, as a zod schema: what a valid scene is, and what
// each mistake is called. Objects are strict (an unknown field is an
// error), and optional fields default to PyGmy's values. The quick check in
// well-formed-scene.ts follows it (a test holds them equal): change both.
import { z } from 'zod';
import { MAX_SEED, MAX_SIZE } from '../limits.js';

export { MAX_SEED, MAX_SIZE } from '../limits.js';

const finite = z.number();
const positive = z.number().positive();
const unit = z.number().min(0).max(1);

/** `[x, y, z]`: a point or a direction. */
export const vectorSchema = z.tuple([finite, finite, finite]);
/** `[r, g, b]`, 1 being full intensity (values above 1 are allowed: lights may be bright). */
export const colourSchema = z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]);

const WHITE: [number, number, number] = [1, 1, 1];

const occlusionSchema = z.strictObject({
  samples: z.int().min(0).max(1000).default(10),
  distance: positive.default(2.5),
});
const OCCLUSION = { samples: 10, distance: 2.5 };

const directShader = z.strictObject({
  type: z.literal('direct'),
  colour: colourSchema.default(WHITE),
});

const everythingShader = z.strictObject({
  type: z.literal('everything'),
  colour: colourSchema.default(WHITE),
  reflection: unit.default(0.5),
  occlusion: occlusionSchema.default(OCCLUSION),
});

const spotShader = z.strictObject({
  type: z.literal('spot'),
  colour: colourSchema.default(WHITE),
  reflection: unit.default(0.5),
  occlusion: occlusionSchema.default(OCCLUSION),
  threshold: finite.default(0.5),
  darken: z.number().min(0).default(0.5),
  scale: positive.default(1),
});

const bleedShader = z.strictObject({
  type: z.literal('bleed'),
  colour: colourSchema.default(WHITE),
  amount: unit.default(0.5),
  bleed: z.strictObject({ samples: z.int().min(0).max(1000).default(8), distance: positive.default(5) })
    .default({ samples: 8, distance: 5 }),
  occlusion: occlusionSchema.default(OCCLUSION),
});

/** A named shader and its parameters. */
export const shaderSchema = z.discriminatedUnion('type', [directShader, everythingShader, spotShader, bleedShader]);

const sphereObject = z.strictObject({
  type: z.literal('sphere'),
  centre: vectorSchema,
  radius: positive,
  shader: z.string().min(1),
});

const planeObject = z.strictObject({
  type: z.literal('plane'),
  /** The plane is `normal · p + distance = 0`. */
  normal: vectorSchema.refine(([x, y, z]) => x !== 0 || y !== 0 || z !== 0, 'expected a non-zero vector'),
  distance: finite,
  shader: z.string().min(1),
});

/** A shape in the scene. */
export const objectSchema = z.discriminatedUnion('type', [sphereObject, planeObject]);

/** A light source. */
export const lightSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('parallel'),
    direction: vectorSchema.refine(([x, y, z]) => x !== 0 || y !== 0 || z !== 0, 'expected a non-zero vector'),
    colour: colourSchema,
  }),
  z.strictObject({
    type: z.literal('point'),
    position: vectorSchema,
    colour: colourSchema,
  }),
]);

/** The camera: PyGmy's perspective or orthographic projection. */
export const cameraSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('perspective'),
    imagePlane: positive.default(5),
    backPlane: positive.default(2000),
  }),
  z.strictObject({
    type: z.literal('orthographic'),
    backPlane: positive.default(2000),
    scale: positive.default(1),
  }),
]);

/** A whole scene file. */
export const sceneSchema = z
  .strictObject({
    description: z.string().optional(),
    width: z.int().min(1).max(MAX_SIZE),
    height: z.int().min(1).max(MAX_SIZE),
    seed: z.int().min(0).max(MAX_SEED).default(0),
    camera: cameraSchema.default({ type: 'perspective', imagePlane: 5, backPlane: 2000 }),
    background: colourSchema.default([0, 0, 0]),
    reflectionDepth: z.int().min(0).max(8).default(2),
    shaders: z.record(z.string().min(1), shaderSchema),
    objects: z.array(objectSchema),
    lights: z.array(lightSchema),
  })
  .superRefine((scene, ctx) => {
    // Every object must name a shader that the file defines.
    const names = Object.keys(scene.shaders);
    scene.objects.forEach((object, i) => {
      if (!Object.hasOwn(scene.shaders, object.shader)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objects', i, 'shader'],
          message: `expected the name of a shader defined in "shaders" (${names.map((n) => JSON.stringify(n)).join(', ') || 'none defined'}), got ${JSON.stringify(object.shader)}`,
        });
      }
    });
  });

/** A scene as written in a file (optional fields may be left out). */
export type SceneInput = z.input<typeof sceneSchema>;
/** A validated scene, every default filled in: plain data that can be sent to another process. */
export type SceneSpec = z.output<typeof sceneSchema>;
/** A shader's parameters, defaults filled in. */
export type ShaderSpec = z.output<typeof shaderSchema>;
/** An object of the scene, defaults filled in. */
export type ObjectSpec = z.output<typeof objectSchema>;
/** A light of the scene. */
export type LightSpec = z.output<typeof lightSchema>;
/** The camera of the scene, defaults filled in. */
export type CameraSpec = z.output<typeof cameraSchema>;
