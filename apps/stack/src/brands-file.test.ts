// The brands file's order fixtures accept Shopify's order names as shops configure them.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrandsFileError, loadBrandsFile } from './brands-file';

const EXAMPLES = path.resolve(__dirname, '..', 'examples');
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'brands-file-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function withOrderName(name: string): string {
  const brands = JSON.parse(readFileSync(path.join(EXAMPLES, 'brands.json'), 'utf8'));
  const fixture = JSON.parse(readFileSync(path.join(EXAMPLES, 'glina', 'orders.json'), 'utf8'));
  fixture.orders[0].name = name;
  writeFileSync(path.join(scratch, 'orders.json'), JSON.stringify(fixture));
  copyFileSync(path.join(EXAMPLES, 'glina', 'policy.json'), path.join(scratch, 'policy.json'));
  brands.brands[0].shopify.fixture = 'orders.json';
  const file = path.join(scratch, 'brands.json');
  writeFileSync(file, JSON.stringify(brands));
  return file;
}

it.each(['#1001', '1001', '#RG1041', 'KR-1041', '#1041-A', '#ZAM2026-77'])(
  'an order named %s (a shop prefix / suffix) is accepted',
  (name) => {
    expect(() => loadBrandsFile(withOrderName(name), {})).not.toThrow();
  },
);

it.each(['#RG', 'RG 1041', '#1001#', ''])('an order named "%s" is refused naming the field', (name) => {
  let failure: unknown;
  try {
    loadBrandsFile(withOrderName(name), {});
  } catch (err) {
    failure = err;
  }
  expect(failure).toBeInstanceOf(BrandsFileError);
  expect((failure as BrandsFileError).problems.map((p) => p.field)).toEqual([
    expect.stringMatching(/orders\[0\]\.name$/),
  ]);
});
