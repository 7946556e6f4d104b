// Processor time of a render, not wall time: the map pool (the creator and
// its processes) against piscina (one process, its threads), alternating,
// user + system time read from /proc around each render. Shows where the
// time goes when the two differ.
//
//   node dist/bench/profile/cpu-time.js [scene] [--width 1280] [--height 720] [--repeat 6]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isMain } from '../../pprocess/index.js';
import { loadScene, parseScene } from '../../raytracer/index.js';
import { loadPeer } from '../peers/load-peer.js';
import { piscinaContender, type PiscinaModule } from '../peers/peer-contenders.js';
import { renderJob, type Contender } from '../render/contender.js';
import { mapPoolContender } from '../render/pprocess-contenders.js';
import { median } from '../stats.js';

/** One render's wall time and processor time (milliseconds), the creator's and its children's. */
export interface CpuSample {
  readonly wallMs: number;
  readonly selfMs: number;
  readonly childrenMs: number;
}

// Linux counts process times in clock ticks of 10 ms (USER_HZ = 100).
const MS_PER_TICK = 10;

// A process's parent pid and user + system time, from /proc/<pid>/stat.
function processTimes(pid: number | string): { parent: number; cpuMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK };
}

// The processor time of this process's children that are still running.
function childrenCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const times = processTimes(entry);
      if (times.parent === process.pid) total += times.cpuMs;
    } catch {
      // It ended while we looked.
    }
  }
  return total;
}

/** Runs `contender` once (already prepared and warmed), measuring its times. */
export async function measureCpu(contender: Contender): Promise<CpuSample> {
  const self = processTimes(process.pid).cpuMs;
  const children = childrenCpuMs();
  const started = performance.now();
  await contender.run();
  return {
    wallMs: performance.now() - started,
    selfMs: processTimes(process.pid).cpuMs - self,
    childrenMs: childrenCpuMs() - children,
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { width: { type: 'string', default: '1280' }, height: { type: 'string', default: '720' }, repeat: { type: 'string', default: '6' } },
  });
  const path = positionals[0] ?? 'scenes/pygmy.json';
  const scene = parseScene({ ...(await loadScene(path)), width: Number(values.width), height: Number(values.height) }, path);
  const piscina = await loadPeer<PiscinaModule>('piscina');
  if (!piscina) throw new Error('piscina is not installed: run npm ci (it is a development dependency)');

  const job = renderJob(scene, 2);
  const contenders = [mapPoolContender(job), piscinaContender(job, piscina.module)];
  for (const contender of contenders) {
    await contender.prepare();
    await contender.run(); // warm-up, not measured
  }
  const samples = new Map<Contender, CpuSample[]>(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < Number(values.repeat); round++) {
    for (const contender of contenders) samples.get(contender)!.push(await measureCpu(contender));
  }
  for (const contender of contenders) await contender.close();

  console.log(`${path} at ${scene.width}×${scene.height}, 2 workers, medians of ${values.repeat} alternating renders`);
  for (const [contender, list] of samples) {
    const wall = median(list.map((s) => s.wallMs));
    const self = median(list.map((s) => s.selfMs));
    const children = median(list.map((s) => s.childrenMs));
    const total = median(list.map((s) => s.selfMs + s.childrenMs));
    console.log(`  ${contender.name.padEnd(20)} wall ${wall.toFixed(0)} ms, CPU ${total} ms (this process ${self}, its children ${children})`);
  }
}

if (isMain(import.meta.url)) await main();
