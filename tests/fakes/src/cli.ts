#!/usr/bin/env node
// `npm run fake -- <vendor> --fixtures FILE --port N`: runs one fake standalone.
// Each vendor module (src/<vendor>.ts) exports `startFake({ port, fixtures })` → FakeServer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FakeServer } from './http';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { fixtures: { type: 'string' }, port: { type: 'string', default: '0' } },
  });
  const vendor = positionals[0];
  if (!vendor || !/^[a-z0-9-]+$/.test(vendor)) {
    console.error('usage: npm run fake -- <vendor> [--fixtures FILE] [--port N]');
    process.exit(2);
  }
  let mod: { startFake?: (o: { port: number; fixtures?: unknown }) => Promise<FakeServer> };
  try {
    mod = require(path.join(__dirname, vendor));
  } catch {
    console.error(`unknown fake "${vendor}" (no module ${vendor} in ${__dirname})`);
    process.exit(2);
  }
  if (typeof mod.startFake !== 'function') {
    console.error(`fake "${vendor}" does not export startFake`);
    process.exit(2);
  }
  const fixtures = values.fixtures ? JSON.parse(readFileSync(values.fixtures, 'utf8')) : undefined;
  const fake = await mod.startFake({ port: Number(values.port), fixtures });
  console.log(`fake ${vendor} listening on ${fake.url}`);
  const stop = () => fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
