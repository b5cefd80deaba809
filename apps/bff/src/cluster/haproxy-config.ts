export interface HaproxyConfigOptions {
  /** Where HAProxy listens (the one URL the console is reached at). */
  host: string;
  port: number;
  /** The replicas behind it. */
  replicas: readonly { name: string; host: string; port: number }[];
  /** The stats page (read-only), on loopback; none when undefined. */
  statsPort?: number;
}

/**
 * HAProxy's configuration for the replicas: round robin, a replica taken out after two failed
 * health checks a second apart (`/api/health` answers 503 when its database cannot be reached)
 * and back after two good ones; a request whose connection to a replica fails is retried on
 * another (`redispatch`). Only connection failures are retried: a request that reached a replica
 * may have changed something, and is not sent twice (bulk requests carry an Idempotency-Key for
 * the client's own retries). Event streams are long-lived: `timeout tunnel` keeps them open
 * between the BFF's heartbeats (15 s). `X-Forwarded-For` tells the replicas the client's address
 * (they trust it from loopback: HUB_TRUST_PROXY).
 */
export function haproxyConfig(options: HaproxyConfigOptions): string {
  const servers = options.replicas.map(
    ({ name, host, port }) => `  server ${name} ${host}:${port} check inter 1s fall 2 rise 2`,
  );
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  option httplog',
    '  option forwardfor',
    '  option redispatch',
    '  retries 3',
    '  retry-on conn-failure',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    '  timeout http-request 10s',
    '',
    'frontend console',
    `  bind ${options.host}:${options.port}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    ...servers,
    ...(options.statsPort === undefined
      ? []
      : [
          '',
          'listen stats',
          `  bind 127.0.0.1:${options.statsPort}`,
          '  stats enable',
          '  stats uri /',
          '  stats refresh 2s',
        ]),
    '',
  ].join('\n');
}
