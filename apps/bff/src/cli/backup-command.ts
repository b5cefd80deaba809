import { backup } from './backup.ts';

// `npm run backup -- …` (see USAGE in backup.ts).
try {
  process.exitCode = await backup(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
