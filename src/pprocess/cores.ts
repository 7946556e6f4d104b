// The number of cores to use: physical cores, as the original reads them
// from /proc/cpuinfo, never more than this process may run on.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * The number of distinct physical cores (unique `physical id`/`core id`
 * pairs in /proc/cpuinfo), capped by `os.availableParallelism()`; where
 * /proc/cpuinfo cannot be read or parsed, `os.availableParallelism()`.
 */
export function getNumberOfCores(): number {
  const usable = availableParallelism();
  const physical = physicalCores();
  return physical ? Math.min(physical, usable) : usable;
}

/** Counts the physical cores listed in the text of /proc/cpuinfo. */
export function countPhysicalCores(cpuinfo: string): number {
  const cores = new Set<string>();
  for (const block of cpuinfo.split(/\n\s*\n/)) {
    const physicalId = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
    const coreId = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
    if (physicalId !== undefined && coreId !== undefined) cores.add(`${physicalId}:${coreId}`);
  }
  return cores.size;
}

function physicalCores(): number {
  try {
    return countPhysicalCores(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return 0;
  }
}
