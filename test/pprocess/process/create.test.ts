// Fork-style create(): created processes replay the program to their create() call.
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { outcome, repoRoot, runScript } from '../../helpers/processes.js';
import { spawn } from 'node:child_process';

const fixtures = 'test/pprocess/fixtures/create';

describe('create()', () => {
  test('Map.create(): each created process runs the rest of the loop body once; the prefix is not printed again', async () => {
    const result = await outcome(runScript(`${fixtures}/map.ts`, ['2']));
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Calculating...\n0 1 2 3\n');
  });

  test('top-level create() in a loop: earlier calls stand in for the creator\'s channels', async () => {
    const result = await outcome(runScript(`${fixtures}/loop.ts`));
    expect(result.stdout).toBe('0: \n1: true\n2: true,true\n');
  });

  test.each([
    ['reaches its create() from another line', 'site', /^ERR_CREATE_REPLAY: .*reached it at .*other-path\.ts:\d+:\d+ where the creator made it at .*other-path\.ts/],
    ['ends before reaching its create()', 'ends', /^ERR_CREATE_REPLAY: .*did not reach its create\(\) call 1: the program ended first/],
    ['calls create() itself', 'nested', /^ERR_CREATE_REPLAY: create\(\) was called in a process that create\(\) made .*cannot be nested/],
  ])('a created process that %s fails, and the creator is told why', async (_what, mode, expected) => {
    const result = await outcome(runScript(`${fixtures}/other-path.ts`, [mode]));
    expect(result.stdout.trim()).toMatch(expected);
    expect(result.exitCode).toBe(0);
  });

  test('an exception escaping the created branch comes back as RemoteError; the process ends non-zero', async () => {
    const result = await outcome(runScript(`${fixtures}/other-path.ts`, ['throws']));
    expect(result.stdout).toBe('RangeError E_BRANCH: the created branch failed\nexit {"exitCode":1,"signal":null}\n');
  });

  test('works when the program is compiled JavaScript', async () => {
    // npm test builds dist/ first; the library's sources are tested everywhere else.
    expect(existsSync(`${repoRoot}/dist/pprocess/index.js`), 'run `npm run build` first').toBe(true);
    const child = spawn(process.execPath, [`${fixtures}/compiled.mjs`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const result = await outcome(child);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Calculating...\n0 1 4 9\n');
  });
});
