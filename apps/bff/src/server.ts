import { readConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startBff } from './start.ts';

const config = readConfig();
const logger = createLogger(config.LOG_LEVEL);

try {
  const bff = await startBff(config, { logger });
  const organization = await bff.engine.getOrganization(config.HUB_ORG);
  // A banner for the person who just ran `npm start`; the JSON log line is for machines.
  process.stdout.write(
    [
      '',
      `  Hybrid Hub is running at ${bff.url}`,
      `  Organization: ${organization.name}   Data: ${config.HUB_DATA_DIR}${bff.seeded ? ' (demo just seeded)' : ''}`,
      '  There is no sign-in yet, so it listens on this machine only (HOST=127.0.0.1).',
      '',
    ].join('\n') + '\n',
  );
  logger.info({ url: bff.url, org: config.HUB_ORG }, 'listening');

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
