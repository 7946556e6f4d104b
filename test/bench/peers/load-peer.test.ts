import { describe, expect, test } from 'vitest';
import { loadPeer } from '../../../src/bench/peers/load-peer.js';

describe('loadPeer', () => {
  test('loads an installed peer with its version', async () => {
    const piscina = await loadPeer<{ Piscina: unknown }>('piscina');
    expect(piscina?.version).toBe('5.3.2');
    expect(typeof piscina?.module.Piscina).toBe('function');
  });

  test('reports a package that is not installed as undefined', async () => {
    expect(await loadPeer('no-such-pool-package')).toBeUndefined();
  });
});
