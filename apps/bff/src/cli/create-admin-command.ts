import { createAdmin } from './create-admin.ts';
import { readPassword } from './read-password.ts';

// `npm run create-admin -w @hybrid-hub/bff -- …` (see USAGE in create-admin.ts).
try {
  process.exitCode = await createAdmin(process.argv.slice(2), {
    env: process.env,
    readPassword,
    out: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
