import path from 'node:path';
import { parseArgs } from 'node:util';

/** What the backup and restore commands need from their process (tests pass their own). */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
}

/**
 * The command line of `backup` (`--out`) or `restore` (one file): what it says, or the exit code
 * when it asks for help (0) or is wrong (2), the usage then shown.
 */
export function readCommandLine(
  argv: string[],
  usage: string,
  io: CommandIo,
  expects: 'out' | 'one file',
): { out: string | undefined; file: string | undefined } | number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: expects === 'one file',
      options: {
        help: { type: 'boolean' },
        ...(expects === 'out' ? { out: { type: 'string' as const } } : {}),
      },
    });
  } catch (error) {
    io.out(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(usage);
    return 0;
  }
  if (expects === 'one file' && parsed.positionals.length !== 1) {
    io.out(`Name one backup file.\n\n${usage}`);
    return 2;
  }
  const out = parsed.values.out;
  return {
    out: typeof out === 'string' ? fromCallerDirectory(io.env, out) : undefined,
    file: parsed.positionals[0] && fromCallerDirectory(io.env, parsed.positionals[0]),
  };
}

/**
 * A path as the operator typed it: npm runs a workspace's script in the workspace's directory,
 * and tells where it was started in INIT_CWD.
 */
export function fromCallerDirectory(env: NodeJS.ProcessEnv, file: string): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), file);
}

export const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
export const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
