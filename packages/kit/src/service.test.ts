// The service shell as an operator sees it: a child process started with env vars, stopped by signals.
// Uses the compiled kit (dist/), which `npm test` builds first.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from './testing';

const APP = path.join(__dirname, '__fixtures__', 'service-app.js');

interface Run {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [APP], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kit-service-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exit };
}

const lines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; [k: string]: unknown });

describe('runService (the process shell of every app)', () => {
  jest.setTimeout(60_000);

  it('refuses to start with a bad variable, naming it, and exits 1', async () => {
    const r = run({ METRICS_PORT: 'not-a-port', DEMO_GREETING: 'Cześć' });
    expect(await r.exit).toBe(1);
    expect(r.out()).toMatch(/METRICS_PORT/);
    expect(r.out()).not.toMatch(/demo ready/);
  });

  it('starts, serves, and on SIGTERM drains the service before closing, exit 0', async () => {
    const r = run({ DEMO_GREETING: '안녕하세요' });
    await waitFor(() => r.out().includes('demo ready'), { timeoutMs: 30_000 });
    const serving = lines(r.out()).find((l) => l.msg === 'serving');
    expect(serving).toMatchObject({ greetings: 3, greeting: '안녕하세요' });
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    const msgs = lines(r.out()).map((l) => l.msg);
    expect(msgs.indexOf('draining')).toBeGreaterThan(msgs.indexOf('stopping'));
    expect(msgs.at(-1)).toBe('stopped');
  });

  it('MIGRATE_ONLY=true applies the migrations and exits 0 without serving', async () => {
    const r = run({ DEMO_GREETING: 'Hello', MIGRATE_ONLY: 'true' });
    expect(await r.exit).toBe(0);
    expect(r.out()).toMatch(/001_greetings\.sql/);
    expect(r.out()).not.toMatch(/serving|demo ready/);
  });

  it('a stop that hangs is cut off at SHUTDOWN_TIMEOUT_MS with exit 1', async () => {
    const r = run({ DEMO_GREETING: 'Hello', DEMO_HANG_ON_STOP: 'true', SHUTDOWN_TIMEOUT_MS: '500' });
    await waitFor(() => r.out().includes('demo ready'), { timeoutMs: 30_000 });
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(1);
    expect(r.out()).toMatch(/shutdown deadline passed/);
  });
});
