// What a render allocates, by function: V8's sampling heap profiler, told
// to keep the objects the garbage collector has already freed, over one
// serial render after a warm-up render, with its CPU time.
//
//   node bench-build/profile/allocation.js [scene] [--width 640] [--height 360] [--repeat 5] [--raytracer path/to/raytracer/index.js]
//
// Then, without the profiler, the CPU time of `--repeat` more renders (median).
//
// `--raytracer` profiles another build of the raytracer (an older commit's
// dist/raytracer/index.js) for a before-and-after comparison.
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain } from 'pprocess';
// Not public API, so from dist/ by path: the `bench` command's interleaving and statistics.
import { MAX_REPEAT } from '../../dist/render-bench/interleave.js';
import { median } from '../../dist/render-bench/stats.js';
import { wholeNumberOption } from './tool-options.js';

/** Bytes allocated in one function. */
export interface AllocationSite {
  readonly where: string;
  readonly bytes: number;
}

/** A heap sampling profile's nodes, as the inspector gives them. */
interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/** Adds up the sampled bytes of each function. */
export function allocationSites(head: SamplingNode): AllocationSite[] {
  const byWhere = new Map<string, number>();
  const visit = (node: SamplingNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').slice(-2).join('/');
    const where = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    byWhere.set(where, (byWhere.get(where) ?? 0) + node.selfSize);
    node.children.forEach(visit);
  };
  visit(head);
  return [...byWhere].map(([where, bytes]) => ({ where, bytes })).sort((a, b) => b.bytes - a.bytes);
}

if (isMain(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      width: { type: 'string', default: '640' },
      height: { type: 'string', default: '360' },
      repeat: { type: 'string', default: '5' },
      raytracer: { type: 'string' },
    },
  });
  const module = values.raytracer ? pathToFileURL(resolve(values.raytracer)).href : import.meta.resolve('pprocess/raytracer');
  const { loadScene, render } = (await import(module)) as typeof import('pprocess/raytracer');
  const scenePath = positionals[0] ?? new URL('../../scenes/pygmy.json', import.meta.url).pathname;
  const scene = { ...(await loadScene(scenePath)), width: Number(values.width), height: Number(values.height) };
  await render(scene, { strategy: 'serial' }); // warm: the engine's own compilation is not the render's garbage
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
  await render(scene, { strategy: 'serial' });
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const cpuMs: number[] = [];
  const repeat = wholeNumberOption('--repeat', values.repeat, 1, MAX_REPEAT);
  for (let i = 0; i < repeat; i++) {
    const cpu = process.cpuUsage();
    await render(scene, { strategy: 'serial' });
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const sites = allocationSites(profile.head as SamplingNode);
  const total = sites.reduce((sum, site) => sum + site.bytes, 0);
  const pixels = scene.width * scene.height;
  process.stdout.write(
    `${scenePath} at ${scene.width}×${scene.height}, serial, after a warm-up render (${module}):\n` +
      `  ${(total / 1e6).toFixed(1)} MB allocated (sampled), ${(total / pixels).toFixed(0)} bytes per pixel; ` +
      `then CPU per render ${median(cpuMs).toFixed(0)} ms (median of ${cpuMs.length})\n` +
      sites.slice(0, 12).map((site) => `  ${(site.bytes / 1e6).toFixed(2).padStart(8)} MB  ${site.where}`).join('\n') + '\n',
  );
}
