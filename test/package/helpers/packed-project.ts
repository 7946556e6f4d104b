// A project that installed this package as a user would: the repository's
// files copied as a fresh clone would have them, packed with `npm pack`
// (whose `prepare` builds dist/ there), and the tarball installed with npm
// into a new project.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../helpers/processes.js';

const run = promisify(execFile);

/** The packed and installed package. */
export interface PackedProject {
  /** The folder holding everything; remove it when done. */
  readonly root: string;
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
  /** The paths inside the tarball, as `npm pack` listed them. */
  readonly files: readonly string[];
  /** The project that installed the tarball (`node_modules/pprocess`). */
  readonly project: string;
}

/** Copies, packs and installs; takes some tens of seconds (a build and an install). */
export async function packAndInstall(): Promise<PackedProject> {
  const root = mkdtempSync(join(tmpdir(), 'pprocess-package-'));
  const clone = join(root, 'clone');
  // Tracked and new files, as a commit of the work tree would hold them; no dist/.
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, maxBuffer: 1 << 26 });
  for (const file of stdout.split('\0').filter((file) => file && existsSync(join(repoRoot, file)))) {
    mkdirSync(join(clone, dirname(file)), { recursive: true });
    cpSync(join(repoRoot, file), join(clone, file));
  }
  // The clone's `npm ci`, without the download: the repository's own install.
  symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const packed = await run('npm', ['pack', '--json', '--pack-destination', root], { cwd: clone, maxBuffer: 1 << 26 });
  const [report] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  const tarball = join(root, report.filename);

  const project = join(root, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The same TypeScript and Node.js types the repository uses, so the npm cache has them.
  const versionOf = (name: string) => (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, `typescript@${versionOf('typescript')}`, `@types/node@${versionOf('@types/node')}`], {
    cwd: project,
    maxBuffer: 1 << 26,
  });
  return { root, tarball, files: report.files.map((file) => file.path), project };
}

/** The fenced code block of `markdown` whose first line is `firstLine` (e.g. `// work.ts`). */
export function codeBlock(markdown: string, firstLine: string): string {
  const blocks = [...markdown.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  const block = blocks.find((text) => text.startsWith(`${firstLine}\n`));
  if (block === undefined) throw new Error(`No code block starting with ${JSON.stringify(firstLine)}`);
  return block;
}
