// `--cluster <url>` of `render` and `worker`. Its parser loads the cluster
// code, so it is put in place only before a command that can use it parses
// its options: `worker`, or a command line that names a cluster. A local
// render loads none of it.
import { InvalidArgumentError, Option, type Command } from 'commander';

const FLAGS = '--cluster <url>';

// What each command says of the option once the accepted forms are known.
const describers = new WeakMap<Option, (forms: string) => string>();

/**
 * The `--cluster <url>` option, described by `describe` (given the URL forms
 * accepted) once `prepareClusterOption` has run; `initial` until then.
 */
export function clusterOption(initial: string, describe: (forms: string) => string = () => initial): Option {
  const option = new Option(FLAGS, initial);
  describers.set(option, describe);
  return option;
}

/** Whether `args` (the raw command line) give `--cluster`, in either spelling. */
export function namesCluster(args: readonly string[]): boolean {
  return args.some((arg) => arg === '--cluster' || arg.startsWith('--cluster='));
}

/**
 * Loads the cluster URL parser and gives `command`'s `--cluster` option its
 * parser (a bad URL is a usage error naming the option) and its description.
 */
export async function prepareClusterOption(command: Command): Promise<void> {
  const option = command.options.find((candidate) => candidate.long === '--cluster');
  if (!option) return;
  const { CLUSTER_URL_FORMS, parseClusterUrl } = await import('../pprocess/cluster/cluster-url.js');
  const describe = describers.get(option);
  if (describe) option.description = describe(CLUSTER_URL_FORMS);
  option.argParser((value: string) => {
    try {
      parseClusterUrl(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
    return value;
  });
}
