// Cluster workers for tests, run from the package as npm installs it in a
// directory of its own (packed, then installed), so that nothing they do
// can depend on the repository's paths.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allGone, descendantsOf, lineMatching, repoRoot } from '../helpers/processes.js';

/** The test tasks module that workers are started allowing. */
export const FIXTURE_TASKS = fileURLToPath(new URL('./fixtures/tasks.mjs', import.meta.url));

/** The package installed from its tarball. */
export interface Installed {
  /** The installed package's command line (`…/node_modules/pprocess/dist/cli.js`). */
  readonly cli: string;
  readonly dir: string;
}

/**
 * Packs the built package (npm test builds dist/ first, so its `prepare`
 * is skipped) and installs it
 * into a directory of its own. The install is kept, named by the tarball's
 * hash, so that test files of one run share it.
 */
export function installPackage(): Installed {
  const packDir = mkdtempSync(join(tmpdir(), 'pprocess-pack-'));
  try {
    const packed = join(packDir, execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--silent'], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').at(-1)!);
    const hash = createHash('sha256').update(readFileSync(packed)).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), `${INSTALL_PREFIX}${hash}`);
    if (!existsSync(join(dir, 'ready'))) {
      removeStaleInstalls();
      const staging = mkdtempSync(`${dir}-`);
      execFileSync('npm', ['install', '--prefix', staging, packed, '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', '--loglevel=error'], { cwd: staging, stdio: 'ignore' });
      writeFileSync(join(staging, 'ready'), '');
      try {
        renameSync(staging, dir);
      } catch {
        // Another test file installed the same package first.
        rmSync(staging, { recursive: true, force: true });
      }
    }
    return { cli: join(dir, 'node_modules', 'pprocess', 'dist', 'cli.js'), dir };
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

const INSTALL_PREFIX = 'pprocess-installed-';
/** An install older than this is of an earlier build, and goes. */
const STALE_MS = 60 * 60 * 1000;

// Removes the installs of earlier builds, so that they do not pile up.
function removeStaleInstalls(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(INSTALL_PREFIX)) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile.
    }
  }
}

/** A worker started from the installed package. */
export interface TestWorker {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The worker and its created processes, as they were once it had started. */
  readonly pids: number[];
  /** What it printed on stderr so far. */
  stderr(): string;
  /** Resolves with its exit code or signal. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts `worker --cluster url` from `installed`, allowing the test tasks, and waits until it takes jobs. */
export async function startTestWorker(installed: Installed, url: string, concurrency = 1): Promise<TestWorker> {
  const child = spawn(process.execPath, [installed.cli, 'worker', '--cluster', url, '--concurrency', String(concurrency), '--allow', FIXTURE_TASKS], {
    cwd: installed.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  await lineMatching(child, /^Worker \d+ on .*taking jobs from/);
  return { child, pid: child.pid!, pids: [child.pid!, ...descendantsOf(child.pid!)], stderr: () => stderr, exited };
}

/** Starts `count` workers at once. */
export function startTestWorkers(installed: Installed, url: string, count: number, concurrency = 1): Promise<TestWorker[]> {
  return Promise.all(Array.from({ length: count }, () => startTestWorker(installed, url, concurrency)));
}

/** Stops workers with SIGTERM and waits until they and their processes are gone. */
export async function stopWorkers(workers: readonly TestWorker[]): Promise<void> {
  for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((worker) => worker.exited));
  await allGone(workers.flatMap((worker) => worker.pids));
}
