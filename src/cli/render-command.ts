// `render [scene]`: renders a scene file to a TIFF or PNG image with the
// chosen strategy and number of processes.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Argument, Command, Option } from 'commander';
import { getNumberOfCores } from '../pprocess/cores.js';
import { MAX_PROCS, MAX_SEED, MAX_SIZE } from '../raytracer/limits.js';
import type { RowProgress } from '../raytracer/render/row-assembler.js';
import { DEFAULT_STRATEGY, describeStrategy, loadExecutor, STRATEGIES, type StrategyName } from '../raytracer/render/strategies/index.js';
import { ROW_WORKER_URL } from '../raytracer/render/row-worker-url.js';
import { shippedScenes } from '../raytracer/scene/shipped-scenes.js';
import { clusterOption } from './cluster-option.js';
import { interruptible } from './interrupt.js';
import { integerIn } from './number-option.js';
import { DEFAULT_OUTPUT_DIR, resolveOutput } from './output-path.js';
import { createProgress, formatSeconds } from './progress.js';
import { IN_PROCESS_PIXELS, planRender, type PlanChoices, type RenderPlan } from './render-plan.js';
import { reportTimings } from './render-timings.js';

/** The scene rendered when none is named: the showcase shipped in `scenes/`. */
export const DEFAULT_SCENE = fileURLToPath(new URL('../../scenes/showcase.json', import.meta.url));

/** The options of `render`, as commander parses them. */
export interface RenderCommandOptions {
  width?: number;
  height?: number;
  procs: number;
  strategy: StrategyName;
  seed?: number;
  out?: string;
  format?: string;
  quiet?: boolean;
  cluster?: string;
  /** Neither --procs nor --strategy given: a small image is rendered in this process (see `planRender`). */
  auto?: boolean;
}

const EXAMPLES = `
Examples:
  $ pprocess-raytracer render                                  # the showcase, all cores, into output/showcase.tiff
  $ pprocess-raytracer render pygmy --procs 2                  # the shipped PyGmy scene on 2 processes
  $ pprocess-raytracer render banded --strategy static --procs 2
  $ pprocess-raytracer render pygmy --width 1200 --height 800 --out pygmy.png
  $ pprocess-raytracer render showcase --seed 7 --format png --quiet

Exit codes: 0 done, 1 render failed, 2 bad option, 3 bad scene file, 4 cannot write the image, 130 interrupted (Ctrl-C).`;

/** Builds the `render` subcommand. */
export function renderCommand(): Command {
  const cores = getNumberOfCores();
  return new Command('render')
    .description('Render a scene file to a TIFF or PNG image, spreading rows over processes')
    .addArgument(new Argument('[scene]', `a shipped scene by name (${shippedScenes().join(', ')}) or a scene file (JSON, see scenes/README.md)`).default(DEFAULT_SCENE, 'the shipped scenes/showcase.json'))
    .option('--width <pixels>', `override the scene's width (1 to ${MAX_SIZE})`, integerIn(1, MAX_SIZE))
    .option('--height <pixels>', `override the scene's height (1 to ${MAX_SIZE})`, integerIn(1, MAX_SIZE))
    .addOption(
      new Option('-p, --procs <n>', `processes to render with (1 to ${MAX_PROCS})`)
        .argParser(integerIn(1, MAX_PROCS))
        .default(cores, `the number of cores, ${cores}`),
    )
    .addOption(
      new Option('-s, --strategy <name>', 'how rows are spread over processes').choices(STRATEGIES).default(DEFAULT_STRATEGY),
    )
    .option('--seed <n>', `override the scene's random seed (0 to ${MAX_SEED})`, integerIn(0, MAX_SEED))
    .option('-o, --out <file>', `the image file, or a directory for <scene>.<ext> (default: ${DEFAULT_OUTPUT_DIR}/<scene>.tiff)`)
    .addOption(new Option('-f, --format <format>', 'image format (default: from the --out extension, else tiff)').choices(['tiff', 'tif', 'png']))
    .option('-q, --quiet', 'print nothing but errors')
    .addOption(clusterOption('render on the workers of this cluster instead (see docs/cluster.md)'))
    .addHelpText('after', strategiesHelp() + EXAMPLES)
    .action(async (scenePath: string, options: RenderCommandOptions, command: Command) => {
      const auto = command.getOptionValueSource('procs') === 'default' && command.getOptionValueSource('strategy') === 'default';
      await runRender(scenePath, { ...options, auto });
    });
}

// One line per strategy, for --help.
function strategiesHelp(): string {
  const width = Math.max(...STRATEGIES.map((name) => name.length));
  const lines = STRATEGIES.map((name) => `  ${name.padEnd(width)}  ${describeStrategy(name)}`);
  return `\nStrategies:\n${lines.join('\n')}\n${SMALL_IMAGES}`;
}

const SMALL_IMAGES = `
Small images: with neither --procs nor --strategy, an image of at most
${IN_PROCESS_PIXELS} pixels is traced in this process (strategy serial), since
starting processes would take longer than tracing it. The pixels are the same.
`;

/** Runs `render` with parsed options; throws on failure (see `exitCodeFor`). */
export async function runRender(scenePath: string, options: RenderCommandOptions): Promise<void> {
  const here = options.cluster === undefined;
  const boot = new EarlyBoot(here);
  // Boot the created processes now, while this one loads the scene's code
  // and checks the scene: booting is the longest wait before the first row.
  // Left to the command, the image's size decides whether any are needed:
  // known now if both sizes are given, else once the scene is read.
  const known = !options.auto || (options.width !== undefined && options.height !== undefined);
  const early = known ? planRender(options.width ?? Infinity, options.height ?? Infinity, choicesOf(options)) : undefined;
  if (early) boot.startFor(early);
  // Traced in this process: its tracer loads while the scene is read.
  if (here && early?.strategy === 'serial') loadExecutor('serial').catch(() => {});
  try {
    // Ctrl-C from the start: the processes boot at once, before the scene is even read.
    await interruptible('no image written', (signal) => renderFile(scenePath, options, signal, boot));
  } finally {
    // Those a failed command did not use.
    await boot.end();
  }
}

/** Created processes booted ahead of the render, and ended if it did not use them. */
class EarlyBoot {
  // False where the render runs elsewhere (a cluster).
  readonly #allowed: boolean;
  #pool: Promise<typeof import('../pprocess/process/pool.js')> | undefined;

  constructor(allowed: boolean) {
    this.#allowed = allowed;
  }

  /** Boots the processes `plan` uses, unless booted already. */
  startFor(plan: RenderPlan): void {
    if (!this.#allowed || this.#pool !== undefined || plan.strategy === 'serial') return;
    // The process pool is loaded here, not with the command line: a serial render does without it.
    this.#pool = import('../pprocess/process/pool.js');
    // A process that fails to boot is not lost: start() launches another and reports its failure.
    // Each loads the tracer as it boots, not when its first rows are asked for.
    this.#pool.then(({ prestart }) => prestart(plan.procs, { modules: [ROW_WORKER_URL] })).catch(() => {});
  }

  async end(): Promise<void> {
    if (this.#pool) await (await this.#pool).prestart(0);
  }
}

function choicesOf(options: RenderCommandOptions): PlanChoices {
  return { strategy: options.strategy, procs: options.procs, auto: options.auto === true };
}

async function renderFile(scenePath: string, options: RenderCommandOptions, signal: AbortSignal, boot: EarlyBoot): Promise<void> {
  const began = performance.now();
  // Loaded here, not with the command line: the renderer and the image writers.
  const [{ loadScene }, { checkScene }, { render }, { checkWritable }, { openImageFile }] = await Promise.all([
    import('../raytracer/scene/load-scene.js'),
    import('../raytracer/scene/check-scene.js'),
    import('../raytracer/render/render.js'),
    import('../raytracer/output/write-image.js'),
    import('../raytracer/output/image-file.js'),
  ]);
  const loaded = await loadScene(scenePath);
  const scene = await checkScene(
    {
      ...loaded,
      ...(options.width !== undefined && { width: options.width }),
      ...(options.height !== undefined && { height: options.height }),
      ...(options.seed !== undefined && { seed: options.seed }),
    },
    scenePath,
  );
  const plan = planRender(scene.width, scene.height, choicesOf(options));
  const { strategy, procs, reason } = plan;
  boot.startFor(plan);
  const target = await resolveOutput(scenePath, options.out, options.format);
  if (options.out === undefined) await mkdir(DEFAULT_OUTPUT_DIR, { recursive: true });
  // Fail before rendering, not after.
  await checkWritable(target.path);

  const size = `${scene.width}×${scene.height}`;
  const how = options.cluster ? `cluster ${(await import('../pprocess/cluster/cluster-url.js')).parseClusterUrl(options.cluster).display}` : `${procs} process${procs === 1 ? '' : 'es'}, strategy ${strategy}`;
  const stderr = process.stderr;
  if (!options.quiet) stderr.write(`Rendering ${scenePath}: ${size}, ${how}${reason && !options.cluster ? ` (${reason})` : ''}\n`);
  const cluster = options.cluster;
  const renderOnCluster = cluster ? (await import('./cluster-render.js')).renderOnCluster : undefined;
  // Rows go into the file as they arrive, where the format allows. Opened last before
  // the render, so that nothing between leaves its temporary file behind.
  const file = await openImageFile(target.path, target.format, scene.width, scene.height);
  const progress = options.quiet ? undefined : createProgress({ total: scene.height, stream: stderr });
  const startedAt = performance.now();
  let firstRow = 0;
  let lastRow = 0;
  const onRow = ({ y, pixels, done }: RowProgress) => {
    lastRow = performance.now();
    if (done === 1) firstRow = lastRow;
    file.row(y, pixels);
    progress?.update(done);
  };
  let image;
  try {
    image = await (cluster
      ? renderOnCluster!(scene, cluster, { onRow, signal })
      : render(scene, { procs, strategy, source: scenePath, signal, onRow }));
  } catch (error) {
    await file.abandon();
    throw error;
  } finally {
    progress?.finish();
  }
  const rendered = performance.now();
  const seconds = (rendered - startedAt) / 1000;
  await file.finish(image);
  reportTimings(stderr, { began, rendering: startedAt, firstRow, lastRow, rendered, written: performance.now() });

  if (!options.quiet) {
    const rate = (scene.height / seconds).toFixed(1);
    process.stdout.write(`Rendered ${size} with ${how} in ${formatSeconds(seconds)} (${rate} rows/s): wrote ${target.path}\n`);
  }
}
