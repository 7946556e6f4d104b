// The scenes shipped with the package (its scenes/ folder), found by name,
// so that `render pygmy` works wherever the package is installed.
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SceneError } from '../errors.js';

// The same three levels up from src/raytracer/scene and dist/raytracer/scene.
const SCENES_DIR = fileURLToPath(new URL('../../../scenes/', import.meta.url));

/** The names of the shipped scenes (`banded`, `pygmy`, `showcase`, …), sorted. */
export function shippedScenes(): string[] {
  return readdirSync(SCENES_DIR)
    .filter((file) => extname(file) === '.json')
    .map((file) => basename(file, '.json'))
    .sort();
}

/**
 * The path of the shipped scene `name` (`scenePath('pygmy')`), to pass to
 * `loadScene`. Throws a `SceneError` (`ERR_SCENE_NOT_FOUND`) naming the
 * shipped scenes if there is none by that name.
 */
export function scenePath(name: string): string {
  const path = `${SCENES_DIR}${name}.json`;
  if (/^[\w.-]+$/.test(name) && !name.startsWith('.') && existsSync(path)) return path;
  throw new SceneError('ERR_SCENE_NOT_FOUND', name, [], `No shipped scene named ${JSON.stringify(name)}: ${shippedList()}`);
}

/** `pathOrName` itself if it names a file, else the shipped scene of that name, else `pathOrName`. */
export function locateScene(pathOrName: string): string {
  if (existsSync(pathOrName) || !/^[\w-]+$/.test(pathOrName)) return pathOrName;
  return shippedScenes().includes(pathOrName) ? `${SCENES_DIR}${pathOrName}.json` : pathOrName;
}

/** `the shipped scenes are banded, pygmy, showcase (give a name instead of a file)`. */
export function shippedList(): string {
  return `the shipped scenes are ${shippedScenes().join(', ')} (give a name instead of a file)`;
}
