// The program as a whole: its version, from the package it is part of.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runCli } from './helpers.js';

test.each(['--version', '-V'])('%s prints the package version and exits 0', async (flag) => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const result = await runCli([flag]);
  expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
});
