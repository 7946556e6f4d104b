// Reading a scene file: the only part of scene handling that touches the disk.
import { readFile } from 'node:fs/promises';
import { SceneError } from '../errors.js';
import { checkScene } from './check-scene.js';
import type { SceneSpec } from './schema.js';
import { locateScene, shippedList } from './shipped-scenes.js';

/**
 * Reads and validates the JSON scene file at `pathOrName`, or the shipped
 * scene of that name (`loadScene('pygmy')`). Throws a `SceneError`:
 * `ERR_SCENE_NOT_FOUND`, `ERR_SCENE_READ`, `ERR_SCENE_SYNTAX` (not JSON) or
 * `ERR_INVALID_SCENE` (not a valid scene; the message lists each field).
 */
export async function loadScene(pathOrName: string): Promise<SceneSpec> {
  const path = locateScene(pathOrName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new SceneError('ERR_SCENE_NOT_FOUND', path, [], `Scene file not found: ${path}; ${shippedList()}`, { cause });
    }
    throw new SceneError('ERR_SCENE_READ', path, [], `Cannot read scene file ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new SceneError('ERR_SCENE_SYNTAX', path, [], `Scene file ${path} is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  return checkScene(data, path);
}
