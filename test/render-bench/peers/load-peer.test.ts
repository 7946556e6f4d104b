import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadPeer } from '../../../src/render-bench/peers/load-peer.js';

describe('loadPeer', () => {
  test('loads an installed peer with its version', async () => {
    const piscina = await loadPeer<{ Piscina: unknown }>('piscina');
    // The version npm installed, whatever it is, as the lockfile records it.
    const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, { version: string }> };
    const installed = lock.packages['node_modules/piscina']!.version;
    expect(installed).toMatch(/^\d+\.\d+\.\d+/);
    expect(piscina?.version).toBe(installed);
    expect(typeof piscina?.module.Piscina).toBe('function');
  });

  test('reports a package that is not installed as undefined', async () => {
    expect(await loadPeer('no-such-pool-package')).toBeUndefined();
  });
});
