// Validation of scene data against the schema, with messages that name the
// source, the field's path and what was expected.
import type { z } from 'zod';
import { SceneError, type SceneIssue } from '../errors.js';
import { sceneSchema, type SceneSpec } from './schema.js';
import { didYouMean, fieldsAt } from './suggest.js';
import { wellFormedScene } from './well-formed-scene.js';

/**
 * Checks `data` against the scene schema and returns it with every default
 * filled in. Throws a `SceneError` (`ERR_INVALID_SCENE`) listing each
 * problem as `path: what was expected`.
 *
 * @param source Where the data came from (a file name), for the message.
 */
export function parseScene(data: unknown, source = 'scene'): SceneSpec {
  const quick = wellFormedScene(data);
  if (quick) return quick;
  const result = sceneSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => toSceneIssues(issue, data));
  const lines = issues.map((issue) => `  ${issue.path || '(top level)'}: ${issue.message}`);
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  throw new SceneError('ERR_INVALID_SCENE', source, issues, `Invalid scene ${source} (${count}):\n${lines.join('\n')}`);
}

/** A path as JavaScript would write it: `objects[3].radius`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

// An unknown field becomes one issue per field, at the field's own path,
// with the nearest known field; an unknown `type` lists the known ones.
function toSceneIssues(issue: z.core.$ZodIssue, data: unknown): SceneIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const known = quoted(fieldsAt(sceneSchema, data, issue.path));
    return issue.keys.map((key) => {
      const hint = didYouMean(key, fieldsAt(sceneSchema, data, issue.path));
      return { path: formatPath([...issue.path, key]), message: `unknown field${hint ? `:${hint}` : ''} (the fields here are ${known}; see scenes/README.md)` };
    });
  }
  const choices = (issue as { options?: unknown }).options;
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined && Array.isArray(choices)) {
    const given = valueAt(data, issue.path);
    const names = choices.map(String);
    const message = typeof given === 'string'
      ? `unknown ${issue.discriminator} ${JSON.stringify(given)}${didYouMean(given, names) ? `:${didYouMean(given, names)}` : ''} (expected one of ${quoted(names)})`
      : `${given === undefined ? 'missing' : `got ${JSON.stringify(given)}`}: expected one of ${quoted(names)}`;
    return [{ path: formatPath(issue.path), message }];
  }
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return [{ path: formatPath(issue.path), message: `missing: expected ${issue.expected}` }];
  }
  return [{ path: formatPath(issue.path), message: issue.message.replace(/^Invalid input: /, '') }];
}

// `"a", "b", "c"`.
function quoted(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}

// The value at `path` in `data`, or undefined.
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
