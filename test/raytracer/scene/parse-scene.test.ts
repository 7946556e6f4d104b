import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScene, parseScene, SceneError, type SceneInput } from '../../../src/raytracer/index.js';
import { scenePath, tinyScene } from '../helpers/scenes.js';

// A tiny valid scene with one change, made by `edit`.
function variant(edit: (scene: Record<string, any>) => void): unknown {
  const scene = structuredClone(tinyScene()) as Record<string, any>;
  edit(scene);
  return scene;
}

function issuesOf(data: unknown): { path: string; message: string }[] {
  try {
    parseScene(data, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SceneError);
    expect((error as SceneError).code).toBe('ERR_INVALID_SCENE');
    return [...(error as SceneError).issues];
  }
  throw new Error('expected the scene to be rejected');
}

describe('parseScene', () => {
  test('fills in PyGmy\'s defaults', () => {
    const scene = parseScene(tinyScene());
    expect(scene.seed).toBe(0);
    expect(scene.reflectionDepth).toBe(2);
    expect(scene.camera).toEqual({ type: 'perspective', imagePlane: 5, backPlane: 2000 });
    expect(scene.shaders.shiny).toEqual({
      type: 'everything',
      colour: [1, 1, 1],
      reflection: 0.5,
      occlusion: { samples: 10, distance: 2.5 },
    });
  });

  test('accepts its own output (defaults already filled in)', () => {
    const once = parseScene(tinyScene());
    expect(parseScene(once)).toEqual(once);
  });

  test.each<[string, string, RegExp, unknown]>([
    ['a missing size', 'width', /^missing: expected number$/, variant((s) => delete s.width)],
    ['a size that is not a number', 'height', /expected number, received string/, variant((s) => (s.height = '200'))],
    ['a fractional size', 'width', /expected int/, variant((s) => (s.width = 10.5))],
    ['a size of zero', 'width', />=1/, variant((s) => (s.width = 0))],
    ['a negative radius', 'objects[0].radius', />0/, variant((s) => (s.objects[0].radius = -1))],
    ['a vector of two numbers', 'objects[0].centre', />=3 items/, variant((s) => (s.objects[0].centre = [1, 2]))],
    ['an unknown object type', 'objects[1].type', /^unknown type "cube" \(expected one of "sphere", "plane"\)$/, variant((s) => (s.objects[1].type = 'cube'))],
    ['an unknown shader type', 'shaders.floor.type', /^unknown type "chrome" \(expected one of "direct", "everything", "spot", "bleed"\)$/, variant((s) => (s.shaders.floor.type = 'chrome'))],
    ['an unknown light type', 'lights[0].type', /^unknown type "spot" \(expected one of "parallel", "point"\)$/, variant((s) => (s.lights[0].type = 'spot'))],
    ['a zero light direction', 'lights[0].direction', /non-zero/, variant((s) => (s.lights[0].direction = [0, 0, 0]))],
    ['a negative colour', 'lights[0].colour[1]', />=0/, variant((s) => (s.lights[0].colour = [1, -1, 1]))],
    ['a reflection share above 1', 'shaders.shiny.reflection', /<=1/, variant((s) => (s.shaders.shiny.reflection = 2))],
    ['fractional occlusion samples', 'shaders.shiny.occlusion.samples', /expected int/, variant((s) => (s.shaders.shiny.occlusion = { samples: 2.5 }))],
    ['a seed out of range', 'seed', /<=4294967295/, variant((s) => (s.seed = 2 ** 32))],
    ['an unknown camera', 'camera.type', /^unknown type "fisheye" \(expected one of "perspective", "orthographic"\)$/, variant((s) => (s.camera = { type: 'fisheye' }))],
    ['a misspelt type', 'objects[1].type', /^unknown type "shpere": did you mean "sphere"\? \(expected one of "sphere", "plane"\)$/, variant((s) => (s.objects[1].type = 'shpere'))],
    ['a missing type', 'lights[0].type', /^missing: expected one of "parallel", "point"$/, variant((s) => delete s.lights[0].type)],
    ['a misspelt field', 'shaders.floor.colur', /^unknown field: did you mean "colour"\? \(the fields here are "type", "colour", /, variant((s) => (s.shaders.floor.colur = [1, 1, 1]))],
    ['an unknown top-level field', 'colour', /unknown field/, variant((s) => (s.colour = [1, 1, 1]))],
    ['an unknown field in an object', 'objects[0].colour', /unknown field/, variant((s) => (s.objects[0].colour = 'red'))],
    ['an unknown field in a shader', 'shaders.floor.spots', /^unknown field \(the fields here are "type", "colour", .*"scale"; see scenes\/README\.md\)$/, variant((s) => (s.shaders.floor.spots = 3))],
    ['an undefined shader name', 'objects[0].shader', /"shiny", "floor".*got "gold"/, variant((s) => (s.objects[0].shader = 'gold'))],
    ['no objects list', 'objects', /^missing: expected array$/, variant((s) => delete s.objects)],
  ])('rejects %s, naming %s', (_name, path, expected, data) => {
    const issues = issuesOf(data);
    const issue = issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(issues)}`).toBeDefined();
    expect(issue!.message).toMatch(expected);
  });

  test('the message names the source, then each problem as path: expectation', () => {
    const data = variant((s) => {
      s.objects[0].radius = 0;
      s.extra = true;
    });
    expect(() => parseScene(data, 'scenes/broken.json')).toThrow(
      /^Invalid scene scenes\/broken\.json \(2 problems\):\n {2}objects\[0\]\.radius: .*\n {2}extra: unknown field/,
    );
  });

  test('rejects what is not an object at all', () => {
    expect(issuesOf('a scene')).toEqual([{ path: '', message: 'expected object, received string' }]);
  });
});

describe('loadScene', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenes-'));

  test('reads and validates a file', async () => {
    const scene = await loadScene(scenePath('pygmy'));
    expect(scene.objects).toHaveLength(12);
  });

  test.each<[string, string | undefined, string, RegExp]>([
    ['a missing file', undefined, 'ERR_SCENE_NOT_FOUND', /Scene file not found: .*missing\.json/],
    ['a file that is not JSON', '{ "width": 3,', 'ERR_SCENE_SYNTAX', /broken\.json is not valid JSON/],
    ['an invalid scene', JSON.stringify({ ...tinyScene(), width: -3 } satisfies SceneInput), 'ERR_INVALID_SCENE', /invalid\.json.*\n {2}width: /],
  ])('%s fails with %s', async (name, content, code, message) => {
    const file = join(dir, name === 'a missing file' ? 'missing.json' : name === 'an invalid scene' ? 'invalid.json' : 'broken.json');
    if (content !== undefined) writeFileSync(file, content);
    const error = await loadScene(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneError);
    expect((error as SceneError).code).toBe(code);
    expect((error as SceneError).source).toBe(file);
    expect((error as Error).message).toMatch(message);
  });
});
