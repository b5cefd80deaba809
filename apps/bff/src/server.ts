import { DEMO_ADMINS, DEMO_PASSWORD } from '@hybrid-hub/engine';
import { ADMIN_ROLE_LABELS } from '@hybrid-hub/contract';
import { readConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import { startBff } from './start.ts';

/** Where the data is, for the banner: a database URL without its user and password. */
function dataShown({ HUB_DATABASE_URL: url, HUB_DATABASE_SCHEMA: schema, HUB_DATA_DIR }: Config) {
  if (!url) return HUB_DATA_DIR;
  const { host, pathname } = new URL(url);
  return `PostgreSQL ${host}${pathname}${schema ? ` (schema ${schema})` : ''}`;
}

const config = readConfig();
const logger = createLogger(config.LOG_LEVEL);

try {
  const bff = await startBff(config, { logger });
  const demoAccounts =
    config.HUB_DEMO &&
    (await Promise.all(DEMO_ADMINS.map((a) => bff.auth.findAdminByEmail(a.email)))).every(Boolean);
  const noAccount = (await bff.auth.countAdmins()) === 0;
  const orgNames = new Map((await bff.store.listOrganizations()).map((o) => [o.id, o.name]));
  // A banner for the person who just ran `npm start`; the JSON log line is for machines.
  process.stdout.write(
    [
      '',
      `  Hybrid Hub is running at ${bff.url}`,
      `  Data: ${dataShown(config)}${bff.seeded ? ' (demo just seeded)' : ''}`,
      ...(demoAccounts
        ? [
            `  Demo accounts (password "${DEMO_PASSWORD}"; demo only — HUB_DEMO=false for a real deployment):`,
            ...DEMO_ADMINS.map(
              (a) =>
                `    ${a.email.padEnd(24)} ${ADMIN_ROLE_LABELS[a.role]} of ${orgNames.get(a.orgId) ?? a.orgId}`,
            ),
          ]
        : []),
      ...(noAccount
        ? [
            '  No administrator yet. Create the first one (the password is asked for):',
            '    npm run create-admin -w @hybrid-hub/bff -- --org <id> --org-name <name> --email <email>',
          ]
        : []),
      '',
    ].join('\n') + '\n',
  );
  logger.info({ url: bff.url, demoAccounts }, 'listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    bff.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exitCode = 1;
}
