// Every public option is documented where it is declared, with its default
// and an example: the options types reachable from the package's entry
// points (package.json `exports`, compiled from src) are read with the
// TypeScript compiler, `@internal` members left out as in the published types.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../helpers/processes.js';
import { missingOptionTags, sourceFiles } from './helpers/option-docs.js';

// The source of each `exports` entry: dist/x/index.d.ts is built from src/x/index.ts.
function entryPoints(): string[] {
  const { exports } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, { types?: string }> };
  return Object.values(exports).flatMap(({ types }) => types ? [join(repoRoot, types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'))] : []);
}

describe('the public options', () => {
  test('each has a @default and a fenced ```ts @example', () => {
    const entries = entryPoints();
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(missingOptionTags(entries, sourceFiles(repoRoot, ['src/pprocess', 'src/raytracer']))).toEqual([]);
  });
});

describe('the check', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'option-docs-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  test('reports members without a tag, reached through exports, signatures and inheritance, and skips @internal and private ones', () => {
    const documented = '/**\n   * Documented.\n   * @default 1\n   * @example\n   * ```ts\n   * f({ a: 1 });\n   * ```\n   */';
    writeFileSync(join(fixture, 'options.ts'), `
export interface BaseOptions {
  ${documented}
  a?: number;
  /** No default. @example \`\`\`ts\n f({ b: 1 });\n \`\`\` */
  b?: number;
}
export interface FixtureOptions extends BaseOptions {
  /** No example. @default 2 */
  c?: number;
  /** @internal Not published. */
  d?: number;
  /**
   * An inline example.
   * @default 3
   * @example \`f({ e: 3 })\`
   */
  e?: number;
}
interface HiddenOptions { f?: number }
interface PrivateOptions { g?: number }
export class Runner {
  constructor(options: HiddenOptions) {}
  run(options: { h?: number }): void {}
  #secret(options: PrivateOptions): void {}
  /** @internal */
  hidden(options: PrivateOptions): void {}
}
`);
    writeFileSync(join(fixture, 'index.ts'), "export { type FixtureOptions, Runner } from './options.js';\n");
    expect(missingOptionTags([join(fixture, 'index.ts')], sourceFiles(fixture, ['.']))).toEqual([
      'BaseOptions.b: missing @default',
      'FixtureOptions.c: missing @example',
      'FixtureOptions.e: @example is not a fenced ```ts block',
      'HiddenOptions.f: missing @default',
      'HiddenOptions.f: missing @example',
      'Runner.run(options).h: missing @default',
      'Runner.run(options).h: missing @example',
    ]);
  });
});
