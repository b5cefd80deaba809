import { pino, type Logger } from 'pino';

/** JSON logs (one line per event) for machines; `LOG_LEVEL=silent` in tests. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.axlPassword'],
      remove: true,
    },
  });
}
