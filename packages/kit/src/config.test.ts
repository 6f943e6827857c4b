import { z } from 'zod';
import { ConfigError, envBoolean, envList, envPort, loadConfig } from './config';

const schema = z.object({
  GRPC_PORT: envPort.default(50051),
  DATABASE_URL: z.string().url().optional(),
  SHOPIFY_TOKEN: z.string().min(10),
  DEMO_MODE: envBoolean.default(false),
  LOCALES: envList.default(['en']),
});

describe('loadConfig', () => {
  it('returns a typed, deeply frozen object with coercions and defaults', () => {
    const cfg = loadConfig('commerce', schema, {
      SHOPIFY_TOKEN: 'shpat_0123456789',
      GRPC_PORT: '7001',
      LOCALES: 'ko, pl,en',
    });
    expect(cfg).toEqual({
      GRPC_PORT: 7001,
      SHOPIFY_TOKEN: 'shpat_0123456789',
      DEMO_MODE: false,
      LOCALES: ['ko', 'pl', 'en'],
    });
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.LOCALES)).toBe(true);
  });

  it('fails at start naming every offending variable', () => {
    let caught: unknown;
    try {
      loadConfig('commerce', schema, { GRPC_PORT: '99999', DATABASE_URL: 'not a url', SHOPIFY_TOKEN: '' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toContain('commerce: invalid configuration');
    expect(message).toMatch(/GRPC_PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SHOPIFY_TOKEN: required but not set/); // empty string counts as unset
  });
});
