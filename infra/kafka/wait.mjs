#!/usr/bin/env node
// Readiness probe for the dev Kafka broker, using only Node built-ins.
//
// A broker counts as READY when, on one TCP connection,
//   1. an ApiVersions v0 request gets a well-formed response with error_code 0
//      that advertises Produce(0), Fetch(1) and Metadata(3), and
//   2. a Metadata v1 request (for no topics) lists at least one broker.
// Step 2 matters in KRaft mode: the broker can answer ApiVersions before it has
// registered with the controller and been unfenced; fenced brokers are not
// listed in Metadata responses, so >= 1 broker means "usable".
//
// CLI:
//   node infra/kafka/wait.mjs [--host 127.0.0.1] [--port 9092] [--timeout 90] [--quiet]
//   --timeout 0 probes exactly once.
//   Exit codes: 0 ready, 1 nothing listening / not ready before the timeout.
//   On success prints e.g. "kafka ready on 127.0.0.1:9092 (brokers: 1@127.0.0.1:9092)".
//
// Library:
//   import { probeKafka, waitForKafka } from './wait.mjs';
//   await waitForKafka({ host: '127.0.0.1', port: 9092, timeoutMs: 30_000 });

import net from 'node:net';
import { pathToFileURL } from 'node:url';

const API_PRODUCE = 0;
const API_FETCH = 1;
const API_METADATA = 3;
const API_VERSIONS = 18;
const CLIENT_ID = 'boomerang-wait';

/** Request header v1 + body, prefixed with the int32 size. */
function encodeRequest(apiKey, apiVersion, correlationId, body) {
  const clientId = Buffer.from(CLIENT_ID, 'utf8');
  const header = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  let o = 0;
  o = header.writeInt16BE(apiKey, o);
  o = header.writeInt16BE(apiVersion, o);
  o = header.writeInt32BE(correlationId, o);
  o = header.writeInt16BE(clientId.length, o);
  clientId.copy(header, o);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + body.length, 0);
  return Buffer.concat([size, header, body]);
}

class Reader {
  constructor(buf) {
    this.buf = buf;
    this.o = 0;
  }
  need(n) {
    if (this.o + n > this.buf.length) throw new Error('truncated response');
  }
  int16() {
    this.need(2);
    const v = this.buf.readInt16BE(this.o);
    this.o += 2;
    return v;
  }
  int32() {
    this.need(4);
    const v = this.buf.readInt32BE(this.o);
    this.o += 4;
    return v;
  }
  nullableString() {
    const len = this.int16();
    if (len < 0) return null;
    this.need(len);
    const s = this.buf.toString('utf8', this.o, this.o + len);
    this.o += len;
    return s;
  }
}

function parseApiVersionsV0(payload) {
  const r = new Reader(payload);
  const errorCode = r.int16();
  const n = r.int32();
  if (n < 0 || n > 1000) throw new Error(`implausible ApiVersions array length ${n}`);
  const apis = new Map();
  for (let i = 0; i < n; i++) {
    const key = r.int16();
    const min = r.int16();
    const max = r.int16();
    if (min > max) throw new Error('malformed ApiVersions entry');
    apis.set(key, { min, max });
  }
  return { errorCode, apis };
}

function parseMetadataV1(payload) {
  const r = new Reader(payload);
  const n = r.int32();
  if (n < 0 || n > 10000) throw new Error(`implausible broker count ${n}`);
  const brokers = [];
  for (let i = 0; i < n; i++) {
    const nodeId = r.int32();
    const host = r.nullableString();
    const port = r.int32();
    r.nullableString(); // rack
    brokers.push({ nodeId, host, port });
  }
  const controllerId = r.int32();
  return { brokers, controllerId };
}

/**
 * Sends ApiVersions v0 then Metadata v1 over one connection.
 * Resolves { ready, reason, brokers?, apis? }; never rejects.
 */
export function probeKafka({ host = '127.0.0.1', port = 9092, timeoutMs = 3000 } = {}) {
  return new Promise((resolve) => {
    let settled = false;
    let pending = Buffer.alloc(0);
    let stage = 'apiversions';
    let apis;
    const socket = net.createConnection({ host, port });

    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ready: false, reason: `no complete ${stage} response within ${timeoutMs} ms` }),
      timeoutMs,
    );

    socket.on('connect', () => {
      socket.write(encodeRequest(API_VERSIONS, 0, 1, Buffer.alloc(0)));
    });
    socket.on('error', (err) => finish({ ready: false, reason: err.code || err.message }));
    socket.on('close', () => finish({ ready: false, reason: `connection closed during ${stage}` }));
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        if (size < 4 || size > 16 * 1024 * 1024) {
          return finish({ ready: false, reason: `not a Kafka response (size field ${size})` });
        }
        if (pending.length < 4 + size) return; // wait for more
        const frame = pending.subarray(4, 4 + size);
        pending = pending.subarray(4 + size);
        try {
          const correlationId = frame.readInt32BE(0);
          const payload = frame.subarray(4); // response header v0 = correlation id only
          if (stage === 'apiversions') {
            if (correlationId !== 1) throw new Error(`unexpected correlation id ${correlationId}`);
            const res = parseApiVersionsV0(payload);
            if (res.errorCode !== 0) {
              return finish({ ready: false, reason: `ApiVersions error_code ${res.errorCode}` });
            }
            for (const k of [API_PRODUCE, API_FETCH, API_METADATA]) {
              if (!res.apis.has(k)) {
                return finish({ ready: false, reason: `broker does not advertise api ${k}` });
              }
            }
            const md = res.apis.get(API_METADATA);
            if (md.min > 1 || md.max < 1) {
              return finish({ ready: false, reason: 'broker does not support Metadata v1' });
            }
            apis = res.apis;
            stage = 'metadata';
            // Metadata v1 body: topics array; 0 entries = "no topics" (null would mean all).
            const body = Buffer.alloc(4);
            body.writeInt32BE(0, 0);
            socket.write(encodeRequest(API_METADATA, 1, 2, body));
          } else {
            if (correlationId !== 2) throw new Error(`unexpected correlation id ${correlationId}`);
            const { brokers, controllerId } = parseMetadataV1(payload);
            if (brokers.length === 0) {
              return finish({
                ready: false,
                reason: 'metadata lists no brokers yet (broker fenced / still starting)',
              });
            }
            return finish({ ready: true, reason: 'ok', brokers, controllerId, apiCount: apis.size });
          }
        } catch (err) {
          return finish({ ready: false, reason: `malformed ${stage} response: ${err.message}` });
        }
      }
    });
  });
}

/** Polls probeKafka until ready or timeoutMs elapses (timeoutMs 0 = one probe). */
export async function waitForKafka({
  host = '127.0.0.1',
  port = 9092,
  timeoutMs = 90_000,
  intervalMs = 250,
} = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    const res = await probeKafka({ host, port, timeoutMs: Math.min(3000, Math.max(2000, remaining)) });
    if (res.ready || Date.now() + intervalMs > deadline) return res;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function parseArgs(argv) {
  const opts = {
    host: process.env.KAFKA_HOST || '127.0.0.1',
    port: Number(process.env.KAFKA_PORT || 9092),
    timeout: 90,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--host') opts.host = val();
    else if (a === '--port') opts.port = Number(val());
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node wait.mjs [--host H] [--port P] [--timeout SECONDS (0 = probe once)] [--quiet]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535) {
    throw new Error(`bad port ${opts.port}`);
  }
  if (!Number.isFinite(opts.timeout) || opts.timeout < 0) throw new Error(`bad timeout ${opts.timeout}`);
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`wait.mjs: ${err.message}`);
    process.exit(2);
  }
  const res = await waitForKafka({ host: opts.host, port: opts.port, timeoutMs: opts.timeout * 1000 });
  if (res.ready) {
    if (!opts.quiet) {
      const list = res.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(', ');
      console.log(`kafka ready on ${opts.host}:${opts.port} (brokers: ${list})`);
    }
    process.exit(0);
  }
  if (!opts.quiet) console.error(`kafka not ready on ${opts.host}:${opts.port}: ${res.reason}`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
