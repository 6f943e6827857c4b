// The commerce fixtures of the SaaS fakes (tests/fakes/fixtures), read from the @boomerang/fakes package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommerceFixture } from '@boomerang/fakes/shopify-fixtures';
import { BRANDS, type DemoBrand } from './brands';

/** tests/fakes/fixtures, found through the installed @boomerang/fakes package (works from src and dist). */
export const FIXTURES_DIR = path.resolve(
  path.dirname(require.resolve('@boomerang/fakes/http')),
  '..',
  'fixtures',
);

export function loadFixture(brand: DemoBrand): CommerceFixture {
  const file = path.join(FIXTURES_DIR, brand.fixture);
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as CommerceFixture;
  if (fixture.tenant !== brand.tenantId) {
    throw new Error(`demo store: ${file} is for tenant "${fixture.tenant}", expected "${brand.tenantId}"`);
  }
  return fixture;
}

export function loadFixtures(brands: readonly DemoBrand[] = BRANDS): CommerceFixture[] {
  return brands.map(loadFixture);
}
