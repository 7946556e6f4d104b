// Bad scene files and render options: refused with the file, the field and
// what was expected, before anything is allocated or started.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadScene, SceneError } from '../../src/raytracer/index.js';
import { repoRoot } from '../helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'pprocess-scenes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pygmyText = readFileSync(join(repoRoot, 'scenes', 'pygmy.json'), 'utf8');

async function loadText(name: string, text: string): Promise<unknown> {
  const file = join(dir, name);
  writeFileSync(file, text);
  return loadScene(file).catch((error: unknown) => error);
}

function withField(path: string[], value: string): string {
  // Writes the value as raw JSON text, so that numbers JSON.stringify cannot write (1e999) stay as written.
  const scene = JSON.parse(pygmyText);
  let target = scene;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path.at(-1)!] = '@@VALUE@@';
  return JSON.stringify(scene).replace('"@@VALUE@@"', value);
}

describe('scene files with impossible numbers', () => {
  test.each([
    ['an infinite width (1e999)', ['width'], '1e999', /width: .*(number|finite|Infinity)/i],
    ['a negative infinite radius', ['objects', '0', 'radius'], '-1e999', /objects\[0\]\.radius: /],
    ['a 100,000 × 100,000 picture', ['width'], '100000', /width: .*<=16384/],
    ['a negative height', ['height'], '-200', /height: .*>=1/],
    ['NaN, which JSON cannot write', ['seed'], 'NaN', /not valid JSON/],
  ])('%s is refused, naming the field', async (name, path, value, message) => {
    const error = await loadText(`${name.replace(/\W+/g, '-')}.json`, withField(path, value));
    expect(error).toBeInstanceOf(SceneError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('scene files cut or mangled anywhere', () => {
  // A seeded generator, so that a failure can be replayed.
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

  test('every cut gives a SceneError naming the file, never another error', async () => {
    for (let i = 0; i < 60; i++) {
      const cut = Math.floor(next() * pygmyText.length);
      const error = await loadText(`cut-${i}.json`, pygmyText.slice(0, cut));
      expect(error, `cut at ${cut}`).toBeInstanceOf(SceneError);
      expect((error as SceneError).source).toContain(`cut-${i}.json`);
    }
  });

  test('every mangled byte gives a valid scene or a SceneError, never another error', async () => {
    const alphabet = '{}[]:,"0123456789-.eE abcxyz\\';
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(next() * pygmyText.length);
      const text = pygmyText.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + pygmyText.slice(at + 1);
      const result = await loadText(`mangled-${i}.json`, text);
      if (result instanceof Error) expect(result, `mangled at ${at}`).toBeInstanceOf(SceneError);
    }
  });
});
