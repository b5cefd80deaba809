import { restore } from './restore.ts';

// `npm run restore -- …` (see USAGE in restore.ts).
try {
  process.exitCode = await restore(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
