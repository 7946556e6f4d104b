// Scenes for the tests: the shipped ones, read from scenes/, and a tiny one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SceneInput } from '../../../src/raytracer/index.js';

/** The path of a shipped scene file. */
export function scenePath(name: string): string {
  return fileURLToPath(new URL(`../../../scenes/${name}.json`, import.meta.url));
}

/** A shipped scene's data, optionally resized. */
export function shippedScene(name: string, size?: { width: number; height: number }): SceneInput {
  const scene = JSON.parse(readFileSync(scenePath(name), 'utf8')) as SceneInput;
  return size ? { ...scene, ...size } : scene;
}

/** The smallest useful scene: one sphere over a plane, one light. */
export function tinyScene(): SceneInput {
  return {
    width: 8,
    height: 6,
    shaders: { shiny: { type: 'everything' }, floor: { type: 'spot' } },
    objects: [
      { type: 'sphere', centre: [0, 0, 20], radius: 3, shader: 'shiny' },
      { type: 'plane', normal: [0, 1, 0], distance: 3, shader: 'floor' },
    ],
    lights: [{ type: 'parallel', direction: [1, 1, -1], colour: [1, 1, 1] }],
  };
}
