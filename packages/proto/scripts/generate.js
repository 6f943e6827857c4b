#!/usr/bin/env node
// Regenerates src/gen from ../../proto with buf + ts-proto. Deterministic: the output folder is
// wiped first, so a removed proto leaves no stale file behind. No system protoc is needed.
const { execFileSync } = require('node:child_process');
const { rmSync, existsSync } = require('node:fs');
const path = require('node:path');

const pkgDir = path.resolve(__dirname, '..');
const protoDir = path.resolve(pkgDir, '../../proto');
const out = path.join(pkgDir, 'src/gen');

const binDirs = [path.join(pkgDir, 'node_modules/.bin'), path.resolve(pkgDir, '../../node_modules/.bin')];
const env = { ...process.env, PATH: [...binDirs, process.env.PATH].join(path.delimiter) };
const buf = binDirs.map((d) => path.join(d, 'buf')).find((p) => existsSync(p)) ?? 'buf';

rmSync(out, { recursive: true, force: true });
const repoRoot = path.dirname(protoDir); // buf.yaml (the workspace) lives at the repo root
execFileSync(buf, ['lint'], { stdio: 'inherit', env, cwd: repoRoot });
execFileSync(buf, ['generate', '--template', path.join(pkgDir, 'buf.gen.yaml'), '--output', pkgDir], {
  stdio: 'inherit',
  env,
  cwd: repoRoot,
});
console.log(`generated TypeScript for ${protoDir} into ${path.relative(process.cwd(), out) || out}`);
