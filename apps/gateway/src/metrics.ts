import { Counter, Histogram, type Metrics } from '@boomerang/kit/metrics';

export interface GatewayMetrics {
  inbound: Counter<'channel' | 'outcome'>;
  publishSeconds: Histogram<'channel'>;
  outbound: Counter<'channel' | 'outcome'>;
}

export function createGatewayMetrics(metrics: Metrics): GatewayMetrics {
  return {
    inbound: new Counter({
      name: 'boomerang_gateway_inbound_total',
      help: 'Inbound channel messages by outcome (published, duplicate, rejected, rate_limited, bus_unavailable)',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    }),
    publishSeconds: new Histogram({
      name: 'boomerang_gateway_publish_seconds',
      help: 'Time to publish an inbound message to the bus',
      labelNames: ['channel'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [metrics.registry],
    }),
    outbound: new Counter({
      name: 'boomerang_gateway_outbound_total',
      help: 'Outbound replies by channel and outcome (sent, inline, skipped, failed)',
      labelNames: ['channel', 'outcome'],
      registers: [metrics.registry],
    }),
  };
}
