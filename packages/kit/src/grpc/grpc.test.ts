import {
  EligibilityServiceClient,
  type EligibilityServiceServer,
  EligibilityServiceService,
  type GetPolicyRequest,
  type GetPolicyResponse,
} from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { InvalidArgument, NotFound, ResourceExhausted, Unavailable } from '../errors';
import { silentLogger } from '../logger';
import { createMetrics } from '../metrics';
import { checkHealth, createClient, type RunningGrpcServer, startGrpcServer, unary } from './index';

// A small real service over real gRPC on port 0.
function implementation(state: {
  calls: number;
  failFirst: number;
  slowMs: number;
}): EligibilityServiceServer {
  const notUsed = unary(async (): Promise<never> => {
    throw new Error('not part of this test');
  });
  return {
    putPolicy: notUsed,
    check: notUsed,
    simulate: notUsed,
    getPolicy: unary<GetPolicyRequest, GetPolicyResponse>(async (req, ctx) => {
      state.calls += 1;
      if (state.slowMs) await new Promise((r) => setTimeout(r, state.slowMs));
      if (ctx.signal.aborted) throw new Unavailable('cancelled');
      if (state.failFirst > 0) {
        state.failFirst -= 1;
        throw new Unavailable('warming up');
      }
      if (!req.tenantId) throw new InvalidArgument('tenant_id is required', { field: 'tenant_id' });
      if (req.tenantId === 'ghost') throw new NotFound('no policy for tenant');
      if (req.tenantId === 'busy') throw new ResourceExhausted('slow down', { retryAfterSeconds: 42 });
      if (req.tenantId === 'bug') throw new TypeError('secret stack detail /srv/x.js');
      return { version: 3, policyJson: '{"windowDays":30}', createdAt: new Date('2026-01-01T00:00:00Z') };
    }),
  };
}

describe('gRPC server and client', () => {
  let running: RunningGrpcServer;
  const state = { calls: 0, failFirst: 0, slowMs: 0 };
  const metrics = createMetrics('test', { defaultMetrics: false });

  beforeAll(async () => {
    running = await startGrpcServer({
      services: [{ definition: EligibilityServiceService, implementation: implementation(state) as never }],
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      metrics,
    });
  });
  afterAll(() => running.shutdown(1000));
  beforeEach(() => Object.assign(state, { calls: 0, failFirst: 0, slowMs: 0 }));

  const client = () =>
    createClient(EligibilityServiceClient, `127.0.0.1:${running.port}`, { deadlineMs: 2000 });

  it('serves calls and records RPC latency', async () => {
    const c = client();
    const res = await c.getPolicy({ tenantId: 'acme', version: 0 });
    expect(res).toMatchObject({ version: 3, policyJson: '{"windowDays":30}' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /boomerang_rpc_duration_seconds_count\{service="boomerang.eligibility.v1.EligibilityService",method="GetPolicy",code="OK"\} 1/,
    );
    c.close();
  });

  it('maps domain errors to status codes with the failing field; unknown errors become a generic INTERNAL', async () => {
    const c = client();
    await expect(c.getPolicy({ tenantId: '', version: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'tenant_id is required',
      field: 'tenant_id',
    });
    await expect(c.getPolicy({ tenantId: 'ghost', version: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A rate limit carries when to try again.
    await expect(c.getPolicy({ tenantId: 'busy', version: 0 })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      retryAfterSeconds: 42,
    });
    const err = await c.getPolicy({ tenantId: 'bug', version: 0 }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
    expect(JSON.stringify(err)).not.toContain('/srv/x.js');
    c.close();
  });

  it('retries retriable failures (UNAVAILABLE) transparently', async () => {
    state.failFirst = 2;
    const c = client();
    await expect(c.getPolicy({ tenantId: 'acme', version: 0 })).resolves.toMatchObject({ version: 3 });
    expect(state.calls).toBe(3);
    c.close();
  });

  it('does not retry non-retriable errors', async () => {
    const c = client();
    await expect(c.getPolicy({ tenantId: 'ghost', version: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(state.calls).toBe(1);
    c.close();
  });

  it('applies a deadline to every call', async () => {
    state.slowMs = 500;
    const c = createClient(EligibilityServiceClient, `127.0.0.1:${running.port}`, { deadlineMs: 100 });
    await expect(c.getPolicy({ tenantId: 'acme', version: 0 })).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
    });
    c.close();
  });

  it('serves grpc.health.v1 per service and flips it', async () => {
    const check = (service: string) => checkHealth(`127.0.0.1:${running.port}`, service);
    expect(await check('boomerang.eligibility.v1.EligibilityService')).toBe('SERVING');
    expect(await check('')).toBe('SERVING');
    running.setServing(false);
    expect(await check('boomerang.eligibility.v1.EligibilityService')).toBe('NOT_SERVING');
    expect(await check('')).toBe('NOT_SERVING');
    expect(await check('liveness')).toBe('SERVING'); // draining is not dead: liveness stays up
    running.setServing(true);
  });
});
