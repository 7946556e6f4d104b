// Summarises V8 CPU profiles (`node --cpu-prof`): where the time went, by
// function (self time), and the share of the garbage collector.
//
//   node --cpu-prof --cpu-prof-dir=output/profile dist/cli.js render scenes/pygmy.json --width 1280 --height 720 --procs 1 --strategy serial
//   node bench-build/profile/cpu-profile.js output/profile
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMain } from 'pprocess';

/** The parts of a `.cpuprofile` this reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function. */
export interface FunctionTime {
  /** `name file:line`, the file shortened to its last two path parts. */
  readonly where: string;
  readonly ms: number;
  readonly share: number;
}

/** A profile's total sampled time, its garbage collector share, and the functions by self time. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly gcMs: number;
  readonly gcShare: number;
  readonly functions: FunctionTime[];
}

/** Adds up each sample's time on the function it was taken in. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byWhere = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id)!;
    const file = frame.url.split('/').slice(-2).join('/');
    const where = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    byWhere.set(where, (byWhere.get(where) ?? 0) + delta);
    total += delta;
  });
  const gc = byWhere.get('(garbage collector)') ?? 0;
  const functions = [...byWhere]
    .map(([where, micros]) => ({ where, ms: micros / 1000, share: total > 0 ? micros / total : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs: total / 1000, gcMs: gc / 1000, gcShare: total > 0 ? gc / total : 0, functions };
}

/** The summary as lines: the totals, then the `top` functions by self time. */
export function formatProfile(name: string, summary: ProfileSummary, top = 15): string {
  const lines = [
    `${name}: ${summary.totalMs.toFixed(0)} ms sampled, garbage collector ${summary.gcMs.toFixed(0)} ms (${(summary.gcShare * 100).toFixed(1)} %)`,
    ...summary.functions.slice(0, top).map((f) => `  ${f.ms.toFixed(1).padStart(8)} ms ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.where}`),
  ];
  return `${lines.join('\n')}\n`;
}

if (isMain(import.meta.url)) {
  const dir = process.argv[2] ?? 'output/profile';
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile')).sort();
  if (files.length === 0) throw new Error(`No .cpuprofile files in ${dir}: run node --cpu-prof --cpu-prof-dir=${dir} … first`);
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    process.stdout.write(formatProfile(file, summarizeProfile(profile)));
  }
}
