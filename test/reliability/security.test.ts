// Nothing that arrives over a channel can run code: values are structured
// clones (node:v8), never evaluated.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/processes.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('the library never evaluates code: no eval, Function constructor, vm or code-carrying serializers', () => {
  const offenders = sources(join(repoRoot, 'src')).filter((path) =>
    /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|from\s+['"]node:vm['"]|require\(['"](node:)?vm['"]\)|\bnode-serialize\b|\bserialize-javascript\b/
      .test(readFileSync(path, 'utf8')));
  expect(offenders).toEqual([]);
});

test('messages are decoded only by the v8 structured-clone deserializer', () => {
  const decoders = sources(join(repoRoot, 'src', 'pprocess')).filter((path) => /\bdeserialize\(/.test(readFileSync(path, 'utf8')));
  expect(decoders.map((path) => path.slice(repoRoot.length)).sort()).toEqual(['src/pprocess/channel/wire-value.ts', 'src/pprocess/cluster/wire.ts']);
});
