import { parseArgs } from 'node:util';
import { ADMIN_ROLE_LABELS, AdminRole, Id } from '@hybrid-hub/contract';
import { systemClock } from '@hybrid-hub/engine';
import { createAdminAccount } from '../auth/admin-accounts.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { readConfig } from '../config.ts';
import { openBffStores } from '../store/bff-stores.ts';

export const USAGE = `Creates a console administrator (for a real deployment: the first Full administrator).

  npm run create-admin -w @hybrid-hub/bff -- --org <id> --email <email> [options]

  --org <id>          the organization (letters, digits, - and _)
  --org-name <name>   create the organization with this name if it does not exist yet
  --email <email>     the administrator's sign-in address
  --name <name>       the name the console shows (default: the email)
  --role <role>       ${AdminRole.options.join(' | ')} (default: full-admin)

The password is asked for twice without being shown, or read from the first line of standard
input when that is not a terminal. It is never taken from the command line, where the shell
history and the process list would keep it. The database is the one HUB_DATABASE_URL names
(PostgreSQL), else the one in HUB_DATA_DIR.`;

export interface CreateAdminIo {
  env: NodeJS.ProcessEnv;
  /** Reads the password (twice when `confirm`), however the terminal allows. */
  readPassword(confirm: boolean): Promise<string>;
  out(line: string): void;
}

/** The command's work, apart from the process (tests run it in-process). Returns the exit code. */
export async function createAdmin(argv: string[], io: CreateAdminIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        org: { type: 'string' },
        'org-name': { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', default: 'full-admin' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.out(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const role = AdminRole.safeParse(values.role);
  if (!values.org || !Id.safeParse(values.org).success || !values.email || !role.success) {
    io.out(`--org, --email and a known --role are required.\n\n${USAGE}`);
    return 2;
  }

  const password = await io.readPassword(true);
  if (password.length < MIN_PASSWORD_LENGTH) {
    io.out(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
    return 1;
  }

  const config = readConfig(io.env);
  const stores = await openBffStores(config, io.out);
  const { store } = stores;
  try {
    const organization = await store.getOrganization(values.org);
    if (!organization) {
      const name = values['org-name']?.trim();
      if (!name) {
        io.out(`There is no organization ${values.org}: add --org-name to create it.`);
        return 1;
      }
      await store.transaction(values.org!, (tx) =>
        tx.insertOrganization({ id: values.org!, name }),
      );
      io.out(`Created the organization ${name} (${values.org}).`);
    }
    await createAdminAccount(
      stores.auth,
      store,
      {
        orgId: values.org,
        email: values.email,
        name: values.name ?? values.email,
        role: role.data,
        password,
      },
      systemClock,
    );
    io.out(
      `Created ${values.email.toLowerCase()}, ${ADMIN_ROLE_LABELS[role.data]} of ${values.org}, in ${config.HUB_DATABASE_URL ? 'PostgreSQL' : config.HUB_DATA_DIR}.`,
    );
    return 0;
  } catch (error) {
    io.out((error as Error).message);
    return 1;
  } finally {
    await stores.close();
  }
}
