#!/usr/bin/env node
// The command line: wires the subcommands, each defined in its own file
// under cli/, and turns errors into messages and exit codes.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { benchCommand } from './cli/bench-command.js';
import { renderCommand } from './cli/render-command.js';
import { workerCommand } from './cli/worker-command.js';
import { ExitCode, exitCodeFor, InterruptedError } from './cli/exit-codes.js';
import { isMain } from './pprocess/process/import-guard.js';
import { namesCluster, prepareClusterOption } from './cli/cluster-option.js';

/**
 * Builds the program with every subcommand, ready to parse the command line
 * `argv` (as `process.argv`).
 */
export async function createProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('pprocess-raytracer')
    .description('A parallel raytracer (a port of PyGmy) built on pprocess process parallelism')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError('(add --help for usage)');
  for (const command of [renderCommand(), benchCommand(), workerCommand()]) {
    program.addCommand(command.showHelpAfterError('(add --help for usage)'));
  }
  // The cluster URL parser only where it can be used: worker (its help too), or a command line naming a cluster.
  if (argv.slice(2).includes('worker') || namesCluster(argv)) await Promise.all(program.commands.map(prepareClusterOption));
  // Report parse errors as exceptions, so that main() chooses the exit code.
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the command line with `argv` (as `process.argv`) and resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await (await createProgram(argv)).parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help); 0 for --help and --version.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof InterruptedError) {
      // After the terminal's "^C": no "error:", since nothing went wrong.
      process.stderr.write(`\n${error.message}\n`);
      return exitCodeFor(error);
    }
    process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
    const code = exitCodeFor(error);
    if (code === ExitCode.failure && (error as Error)?.stack) process.stderr.write(`${(error as Error).stack}\n`);
    return code;
  }
}

// The version in package.json, one folder up from both src/ and dist/.
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

if (isMain(import.meta.url)) process.exitCode = await main();
