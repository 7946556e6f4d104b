// Processor time of a render, not wall time: the map pool (the creator and
// its processes) against piscina (one process, its threads), alternating,
// user + system time read from /proc around each render. Shows where the
// time goes when the two differ.
//
//   node bench-build/profile/cpu-time.js [scene] [--width 1280] [--height 720] [--repeat 6] [--procs 2] [--threads]
//
// --threads adds, at the end, every thread's processor time and context
// switches (the workers' JavaScript threads, V8's helper threads): how the
// single-threaded collector of created processes was found to matter.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isMain } from 'pprocess';
import { loadScene, MAX_PROCS, parseScene } from 'pprocess/raytracer';
// Not public API, so from dist/ by path: the `bench` command's peer loading, peer pools,
// contenders, interleaving and statistics.
import { loadPeer } from '../../dist/render-bench/peers/load-peer.js';
import { piscinaContender, type PiscinaModule } from '../../dist/render-bench/peers/peer-contenders.js';
import { renderJob, type Contender } from '../../dist/render-bench/contender.js';
import { mapPoolContender } from '../../dist/render-bench/pprocess-contenders.js';
import { MAX_REPEAT } from '../../dist/render-bench/interleave.js';
import { median } from '../../dist/render-bench/stats.js';
import { wholeNumberOption } from './tool-options.js';

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

// This process's children that are still running, each with its processor time.
function children(): Array<{ pid: string; cpuMs: number }> {
  const found: Array<{ pid: string; cpuMs: number }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const times = processTimes(entry);
      if (times.parent === process.pid) found.push({ pid: entry, cpuMs: times.cpuMs });
    } catch {
      // It ended while we looked.
    }
  }
  return found;
}

// The processor time of this process's children that are still running.
function childrenCpuMs(): number {
  return children().reduce((total, child) => total + child.cpuMs, 0);
}

/** One thread's processor time so far and how often it gave up the processor or was made to. */
export interface ThreadTimes {
  readonly pid: number;
  readonly tid: number;
  readonly cpuMs: number;
  readonly voluntarySwitches: number;
  readonly involuntarySwitches: number;
}

/** Every thread of process `pid`, from /proc/<pid>/task. */
export function threadTimes(pid: number | string): ThreadTimes[] {
  const threads: ThreadTimes[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const switches = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      threads.push({
        pid: Number(pid),
        tid: Number(tid),
        cpuMs: processTimes(`${pid}/task/${tid}`).cpuMs,
        voluntarySwitches: switches('voluntary_ctxt_switches'),
        involuntarySwitches: switches('nonvoluntary_ctxt_switches'),
      });
    } catch {
      // It ended while we looked.
    }
  }
  return threads;
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
    options: {
      width: { type: 'string', default: '1280' },
      height: { type: 'string', default: '720' },
      repeat: { type: 'string', default: '6' },
      procs: { type: 'string', default: '2' },
      threads: { type: 'boolean', default: false },
    },
  });
  const path = positionals[0] ?? 'scenes/pygmy.json';
  const scene = parseScene({ ...(await loadScene(path)), width: Number(values.width), height: Number(values.height) }, path);
  const piscina = await loadPeer<PiscinaModule>('piscina');
  if (!piscina) throw new Error('piscina is not installed: run npm ci (it is a development dependency)');

  const job = renderJob(scene, wholeNumberOption('--procs', values.procs, 1, MAX_PROCS));
  const contenders = [mapPoolContender(job), piscinaContender(job, piscina.module)];
  for (const contender of contenders) {
    await contender.prepare();
    await contender.run(); // warm-up, not measured
  }
  const samples = new Map<Contender, CpuSample[]>(contenders.map((contender) => [contender, []]));
  const repeat = wholeNumberOption('--repeat', values.repeat, 1, MAX_REPEAT);
  for (let round = 0; round < repeat; round++) {
    for (const contender of contenders) samples.get(contender)!.push(await measureCpu(contender));
  }
  // Read before closing, while the pool's processes still run.
  const threads = values.threads ? [process.pid, ...children().map((child) => child.pid)].flatMap((pid) => threadTimes(pid)) : [];
  for (const contender of contenders) await contender.close();

  console.log(`${path} at ${scene.width}×${scene.height}, ${job.procs} workers, medians of ${values.repeat} alternating renders`);
  for (const [contender, list] of samples) {
    const wall = median(list.map((s) => s.wallMs));
    const self = median(list.map((s) => s.selfMs));
    const children = median(list.map((s) => s.childrenMs));
    const total = median(list.map((s) => s.selfMs + s.childrenMs));
    console.log(`  ${contender.name.padEnd(20)} wall ${wall.toFixed(0)} ms, CPU ${total} ms (this process ${self}, its children ${children})`);
  }
  if (threads.length === 0) return;
  console.log(`\nThreads that used the processor, over every render (this process is ${process.pid}; piscina's workers are its threads):`);
  console.log('  pid      tid      CPU ms   voluntary  involuntary switches');
  for (const t of threads.filter((thread) => thread.cpuMs > 0)) {
    console.log(`  ${String(t.pid).padEnd(8)} ${String(t.tid).padEnd(8)} ${String(t.cpuMs).padStart(6)}   ${String(t.voluntarySwitches).padStart(9)}  ${String(t.involuntarySwitches).padStart(11)}`);
  }
}

if (isMain(import.meta.url)) await main();
