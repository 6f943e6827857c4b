import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

const HealthClient = grpc.makeGenericClientConstructor(
  healthService as unknown as grpc.ServiceDefinition,
  'Health',
);

/**
 * Asks a server's grpc.health.v1 for a service's status ("" = the whole server). Used by the
 * launcher, e2e tests and anything that waits for readiness; Kubernetes uses its own gRPC probe.
 */
export function checkHealth(address: string, service = '', deadlineMs = 1000): Promise<string> {
  const client = new HealthClient(address, grpc.credentials.createInsecure());
  return new Promise<string>((resolve, reject) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      (req: { service: string }) => Buffer.from(encodeCheckRequest(req.service)),
      decodeStatus,
      { service },
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (err: grpc.ServiceError | null, res?: string) => {
        client.close();
        if (err) reject(err);
        else resolve(res ?? 'UNKNOWN');
      },
    );
  });
}

// HealthCheckRequest { string service = 1; } and HealthCheckResponse { ServingStatus status = 1; }
function encodeCheckRequest(service: string): Uint8Array {
  const bytes = Buffer.from(service, 'utf8');
  if (bytes.length === 0) return new Uint8Array();
  if (bytes.length > 127) throw new Error('service name too long');
  return Buffer.concat([Buffer.from([0x0a, bytes.length]), bytes]);
}

const STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
function decodeStatus(buf: Buffer): string {
  // field 1, varint: 0x08 <value>; absent = 0 (UNKNOWN)
  return buf.length >= 2 && buf[0] === 0x08 ? (STATUS[buf[1]!] ?? 'UNKNOWN') : 'UNKNOWN';
}
