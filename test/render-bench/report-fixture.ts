// A render benchmark report made from invented timings, for the table and chart tests.
import type { Contender, Family } from '../../src/render-bench/contender.js';
import { deriveResults, type PeerVersions, type RenderBenchReport } from '../../src/render-bench/report.js';

function contender(id: string, name: string, family: Family, procs: number, cold = false): Contender {
  const none = async () => {};
  // Whole commands: a warm-up round (dropped), then three timed runs.
  const serialParts = () => ({ toFirstRow: [9, 0.2, 0.3, 0.25], lastRowToFile: [9, 0.01, 0.03, 0.02] });
  return {
    id,
    name,
    family,
    procs,
    cold,
    includes: `${name} work`,
    prepare: none,
    run: none,
    lastImage: async () => new Uint8Array(),
    close: none,
    ...(cold && { serialParts }),
  };
}

/** Serial 1.0 s, a pool and piscina at 1 and 2 processes, and the whole commands. */
export function reportFixture(peers: PeerVersions = { piscina: '5.3.2', workerpool: null }): RenderBenchReport {
  const measured = [
    { contender: contender('serial', 'serial', 'serial', 1), seconds: [1.0, 1.1, 0.9] },
    { contender: contender('pprocess-map-pool-1', 'pprocess map, pool', 'pprocess', 1), seconds: [1.02, 1.0, 1.04] },
    ...(peers.piscina ? [{ contender: contender('piscina-1', 'piscina', 'piscina', 1), seconds: [1.0, 1.0, 1.0] }] : []),
    { contender: contender('pprocess-map-pool-2', 'pprocess map, pool', 'pprocess', 2), seconds: [0.5, 0.48, 0.52] },
    ...(peers.piscina ? [{ contender: contender('piscina-2', 'piscina', 'piscina', 2), seconds: [0.5, 0.5, 0.5] }] : []),
    { contender: contender('cold-serial-1', 'render command, serial', 'serial', 1, true), seconds: [1.5, 1.5, 1.5] },
    { contender: contender('cold-map-2', 'render command, map', 'pprocess', 2, true), seconds: [1.0, 1.0, 1.0] },
  ];
  return {
    kind: 'pprocess-render-bench',
    version: 1,
    date: '2024-01-01T00:00:00.000Z',
    machine: { cores: 2, logicalCpus: 2, cpuModel: 'test', node: 'v20', platform: 'linux x64', loadAverage: [0, 0, 0] },
    scene: { path: 'scenes/pygmy.json', width: 1280, height: 720, seed: 1 },
    repeat: 3,
    rowsPerTask: { '1': 8, '2': 8 },
    peers,
    identicalPixels: true,
    results: deriveResults(measured),
  };
}
