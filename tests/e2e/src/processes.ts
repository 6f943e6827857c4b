// One service = one OS process (`node apps/<name>/dist/index.js`), as in production. Output goes to
// a log file per process; its tail is what a failing test prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { checkHealth } from '@boomerang/kit/grpc';
import { waitFor } from '@boomerang/kit/testing';

export const REPO = path.resolve(__dirname, '..', '..', '..');

// Ports handed out by this process, so two services of one run never get the same one.
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.unref();
    s.once('error', () => resolve(false));
    // Services bind 0.0.0.0, so probe the same address.
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

/**
 * A port nothing listens on right now, chosen BELOW the kernel's ephemeral range (32768–60999 on
 * Linux). A port-0 pick comes from that range, and between our probe and the service's bind any
 * outgoing connection (a Kafka or PostgreSQL client) may take it as its local port — which made
 * a service die with EADDRINUSE in CI. Ports below the range are only ever taken by listeners.
 */
export async function freePort(): Promise<number> {
  const low = 20_000;
  const high = 32_000;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found in ${low}-${high} after 200 attempts`);
}

export interface ServiceSpec {
  name: string;
  env: Record<string, string>;
  /** How readiness is observed: gRPC health on this port, or GET <url> answering 200. */
  ready: { grpcPort: number } | { httpUrl: string };
}

export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  readonly logFile: string;
  /** Exit codes/signals of earlier incarnations (a crash shows up in the report). */
  readonly exits: string[] = [];
  starts = 0;

  constructor(
    readonly spec: ServiceSpec,
    logDir: string,
  ) {
    this.logFile = path.join(logDir, `${spec.name}.log`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process (appending to its log) and waits until it reports ready. */
  async start(timeoutMs = 60_000): Promise<void> {
    const entry = path.join(REPO, 'apps', this.spec.name, 'dist', 'index.js');
    if (!existsSync(entry))
      throw new Error(`${entry} is missing: build the app first (turbo builds ^deps before test)`);
    const fd = openSync(this.logFile, 'a');
    this.starts++;
    const child = spawn(process.execPath, [entry], {
      cwd: path.join(REPO, 'apps', this.spec.name),
      // Only what production would give the pod: no NODE_OPTIONS from jest, no test variables.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...this.spec.env },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exits.push(signal ?? `exit ${code}`);
        resolve();
      });
    });
    await waitFor(
      async () => {
        if (!this.running)
          throw new Error(`${this.spec.name} exited (${this.exits.at(-1)}):\n${this.tail(30)}`);
        return this.isReady();
      },
      { timeoutMs, intervalMs: 100, message: `${this.spec.name} ready` },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- ${this.spec.name} log tail ---\n${this.tail(40)}`);
    });
  }

  private async isReady(): Promise<boolean> {
    const r = this.spec.ready;
    if ('grpcPort' in r) return (await checkHealth(`127.0.0.1:${r.grpcPort}`).catch(() => '')) === 'SERVING';
    const res = await fetch(r.httpUrl).catch(() => undefined);
    return res?.status === 200;
  }

  /** Sends a signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    if (!this.child || !this.running) return;
    const child = this.child;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last `lines` lines of the log (pino JSON lines, trimmed). */
  tail(lines = 25): string {
    if (!existsSync(this.logFile)) return '(no log)';
    const all = readFileSync(this.logFile, 'utf8').split('\n').filter(Boolean);
    return all
      .slice(-lines)
      .map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l))
      .join('\n');
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }
}
