import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Service metrics: one registry per service, with the RPC and consumer instruments every app uses. */
export interface Metrics {
  registry: Registry;
  rpcDuration: Histogram<'service' | 'method' | 'code'>;
  consumerDuration: Histogram<'topic' | 'group' | 'outcome'>;
  consumerLag: Gauge<'topic' | 'group' | 'partition'>;
  published: Counter<'topic'>;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(service: string, options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    rpcDuration: new Histogram({
      name: 'boomerang_rpc_duration_seconds',
      help: 'gRPC server handling time by method and status code',
      labelNames: ['service', 'method', 'code'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    consumerDuration: new Histogram({
      name: 'boomerang_consumer_handle_duration_seconds',
      help: 'Event handler time by topic, consumer group and outcome (ok, retry, dlq)',
      labelNames: ['topic', 'group', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'boomerang_consumer_lag_messages',
      help: 'Messages behind the high watermark per partition',
      labelNames: ['topic', 'group', 'partition'],
      registers: [registry],
    }),
    published: new Counter({
      name: 'boomerang_events_published_total',
      help: 'Events published by topic',
      labelNames: ['topic'],
      registers: [registry],
    }),
  };
}

/** Node http handler serving the registry in the Prometheus text format. */
export function metricsHandler(registry: Registry): http.RequestListener {
  return (_req, res) => {
    registry
      .metrics()
      .then((body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  };
}

/** Serves GET /metrics on its own port (Kubernetes scrapes it). */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host = '0.0.0.0',
): Promise<{ port: number; close: () => Promise<void> }> {
  const handler = metricsHandler(registry);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') return handler(req, res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
