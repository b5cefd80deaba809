import autocannon from 'autocannon';
import { percentiles } from './percentiles.ts';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Drives `url` with autocannon and measures every response's latency ourselves, because
 * autocannon's summary has p90 and p97.5 but no p95.
 */
export async function load(
  url: string,
  {
    connections = 10,
    seconds = 10,
    headers,
  }: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    ...percentiles(latencies),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
