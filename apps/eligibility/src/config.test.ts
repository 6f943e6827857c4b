import { ConfigError, loadConfig } from '@boomerang/kit/config';
import { configSchema } from './config';

describe('configuration', () => {
  it('has embedded defaults and names every bad variable', () => {
    const c = loadConfig('eligibility', configSchema, {});
    expect(c).toMatchObject({
      GRPC_PORT: 50051,
      DATA_DIR: '.boomerang/eligibility',
      RECENT_ORDERS_PER_TENANT: 1000,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    const err = (() => {
      try {
        loadConfig('eligibility', configSchema, {
          GRPC_PORT: '70000',
          DATABASE_URL: 'not a url',
          POLICY_LATEST_TTL_MS: '-1',
        });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.issues.map((i) => i.variable).sort()).toEqual([
      'DATABASE_URL',
      'GRPC_PORT',
      'POLICY_LATEST_TTL_MS',
    ]);
  });
});
