import type { Engine } from '@hybrid-hub/engine';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { auditTrail, type AuditTrailOptions } from './audit/audit-trail.ts';
import type { SessionCookie } from './auth/session-cookie.ts';
import type { SessionManager } from './auth/sessions.ts';
import type { EventNotifier } from './events/event-notifier.ts';
import { accessControl } from './middleware/access-control.ts';
import { compressAnswers } from './middleware/compress-answers.ts';
import { identifySession } from './middleware/identify-session.ts';
import { jsonBody } from './middleware/json-body.ts';
import { apiNotFound, problemHandler } from './middleware/problem.ts';
import { requestLog } from './middleware/request-log.ts';
import { webAppRouter } from './middleware/web-app.ts';
import { auditRouter } from './routes/audit.ts';
import { eventsRouter, type EventStreamTiming } from './routes/events.ts';
import { CsvDownloads, type CsvDownloadLimits } from './routes/csv-downloads.ts';
import { exportRouter } from './routes/export.ts';
import { engineRouter } from './routes/engine-router.ts';
import { startBulkJobHandler, type BulkJobOptions } from './routes/jobs.ts';
import { labRouter } from './routes/lab.ts';
import { metaRouter } from './routes/meta.ts';
import { sessionRouter } from './routes/session.ts';

export interface AppOptions {
  engine: Engine;
  logger: Logger;
  /** Sign-in and sessions: the organization in scope and the actor come from the session. */
  auth: {
    sessions: SessionManager;
    cookie: SessionCookie;
    /** Runs before each sign-in is checked (the sign-in throttle). */
    throttle: RequestHandler[];
    /** Runs before every API request's session is checked (the API's rate limits). */
    apiLimit: RequestHandler[];
    /** How often an open event stream checks that its session still lives (ms). */
    streamSessionCheckMs?: number;
  };
  /** The audit log: every state-changing request is recorded there, and read from there. */
  audit: AuditTrailOptions;
  /** Where bulk jobs' Idempotency-Keys are kept, and the wall clock that expires them. */
  idempotency: BulkJobOptions['idempotency'];
  /** The Lab's routes answer (default off: SPEC "off unless configured"). */
  lab?: boolean;
  /**
   * Wakes event streams when this process commits events. Without it, streams still get
   * every event, by their poll of the outbox.
   */
  events?: EventNotifier;
  eventStreamTiming?: EventStreamTiming;
  /** Event streams one session may hold open in this process (default 10). */
  eventStreamsPerSession?: number;
  /** CSV downloads under way at once per session and per organization (default 2 and 4). */
  csvDownloads?: CsvDownloadLimits;
  /** The built SPA (apps/web/dist); without it, non-API pages explain how to build it. */
  webDist?: string;
  /** Parse every response with the contract before sending it (tests, development). */
  checkResponses?: boolean;
  /**
   * The proxies whose X-Forwarded-For is believed (Express's `trust proxy`; HUB_TRUST_PROXY):
   * the client address the limits and the audit log see. Default: a proxy on this machine.
   */
  trustProxy?: string[] | false;
  version?: string;
  /** The liveness probe's database check (PostgreSQL); without it the probe answers ok. */
  checkDatabase?: () => Promise<void>;
}

/** Builds the BFF without listening, so tests run it in-process on an ephemeral port. */
export function createApp(options: AppOptions): Express {
  const { engine, logger, auth } = options;
  const routeOptions = {
    checkResponses: options.checkResponses ?? false,
    labEnabled: options.lab ?? false,
  };
  const app = express();
  app.disable('x-powered-by');
  // API answers are `no-store`, so an ETag (a hash of every body) would never be used; the SPA's
  // static files get theirs from express.static.
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy ?? ['loopback']);
  app.set('query parser', 'simple'); // `a[b]=c` stays a plain key: no nested objects from the URL

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // MUI (emotion) injects <style> elements at run time; scripts stay strictly 'self'.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use(compressAnswers());
  app.use(requestLog(logger));
  // Before the limits and access control, so that their refusals are recorded too (a limit's
  // only once a window and client: see auditTrail).
  app.use('/api', auditTrail(options.audit));
  // Who asks, before anything counts or refuses them: the limits key on a live session, never on
  // a cookie as sent, and never refuse a session for other clients' failures at its address.
  app.use('/api', identifySession(auth));
  // Limits next: a client over its limit costs no body parsing.
  app.use('/api', auth.apiLimit);
  app.use('/api', jsonBody);
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(
    '/api',
    accessControl({
      sessions: auth.sessions,
      cookie: auth.cookie,
      streamSessionCheckMs: auth.streamSessionCheckMs,
      onError: (error) => logger.error({ err: error }, 'session check failed'),
    }),
  );

  app.use(
    metaRouter({
      ...routeOptions,
      version: options.version ?? '0.1.0',
      startedAt: Date.now(),
      checkDatabase: options.checkDatabase,
    }),
  );
  app.use(sessionRouter(engine, { ...routeOptions, ...auth }));
  // One count of downloads under way for every CSV route.
  const downloads = new CsvDownloads(options.csvDownloads);
  // /users/export.csv before the engine router's /users/:id.
  app.use(exportRouter(engine, downloads));
  app.use(
    engineRouter(engine, routeOptions, {
      startBulkJob: startBulkJobHandler(engine, {
        ...routeOptions,
        idempotency: options.idempotency,
      }),
    }),
  );
  app.use(auditRouter(options.audit.store, routeOptions, downloads));
  app.use(
    eventsRouter(engine, {
      notifier: options.events,
      timing: options.eventStreamTiming,
      streamsPerSession: options.eventStreamsPerSession,
    }),
  );
  app.use(labRouter(routeOptions));
  app.use('/api', apiNotFound);
  app.use(webAppRouter(options.webDist));
  app.use(problemHandler);
  return app;
}
