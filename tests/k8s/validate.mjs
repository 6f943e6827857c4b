#!/usr/bin/env node
// Validates infra/k8s: renders every overlay with `kubectl kustomize`, checks each object against the
// Kubernetes JSON schemas (kubernetes-models, Kubernetes 1.3x) and against the project's rules:
// Deployments have probes, limits, non-root, read-only root FS, dropped capabilities and their own
// ServiceAccount; every topic in the code's registry has a Strimzi KafkaTopic (and DLQ) and vice versa;
// every env var an app's config schema requires is provided by its manifests.
// Usage: node tests/k8s/validate.mjs [--root infra/k8s] [--repo .]   (exit 1 with reasons on failure)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

const { values } = parseArgs({ options: { root: { type: 'string' }, repo: { type: 'string' } } });
const repo = path.resolve(values.repo ?? path.join(import.meta.dirname, '../..'));
const root = path.resolve(values.root ?? path.join(repo, 'infra/k8s'));
const require = createRequire(path.join(repo, 'package.json'));
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

function render(dir) {
  const out = execFileSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(out)
    .map((d) => d.toJS())
    .filter(Boolean);
}

const models = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1', 'Deployment'],
  'v1/Service': ['kubernetes-models/v1', 'Service'],
  'v1/ServiceAccount': ['kubernetes-models/v1', 'ServiceAccount'],
  'v1/ConfigMap': ['kubernetes-models/v1', 'ConfigMap'],
  'v1/Namespace': ['kubernetes-models/v1', 'Namespace'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1', 'PodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2', 'HorizontalPodAutoscaler'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1', 'NetworkPolicy'],
  'batch/v1/Job': ['kubernetes-models/batch/v1', 'Job'],
  'monitoring.coreos.com/v1/ServiceMonitor': [
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
    'ServiceMonitor',
  ],
};

async function schemaCheck(where, obj) {
  const key = `${obj.apiVersion}/${obj.kind}`;
  if (key === 'kafka.strimzi.io/v1beta2/KafkaTopic') return checkKafkaTopic(where, obj);
  const entry = models[key];
  if (!entry) return fail(where, `no schema known for ${key}`);
  const mod = await import(entry[0]);
  try {
    new mod[entry[1]](obj).validate();
  } catch (err) {
    fail(where, `schema: ${err.message.split('\n').slice(0, 3).join(' ')}`);
  }
}

// Strimzi's KafkaTopic CRD (v1beta2) — the fields we use, as the CRD's openAPIV3Schema constrains them.
function checkKafkaTopic(where, t) {
  if (!t.metadata?.labels?.['strimzi.io/cluster']) fail(where, 'KafkaTopic without strimzi.io/cluster label');
  if (!Number.isInteger(t.spec?.partitions) || t.spec.partitions < 1)
    fail(where, 'spec.partitions must be an integer ≥ 1');
  if (!Number.isInteger(t.spec?.replicas) || t.spec.replicas < 1 || t.spec.replicas > 32767)
    fail(where, 'spec.replicas must be 1..32767');
  if (t.spec?.config !== undefined && (typeof t.spec.config !== 'object' || Array.isArray(t.spec.config)))
    fail(where, 'spec.config must be an object');
  if (typeof t.spec?.topicName !== 'string' || !/^[a-zA-Z0-9._-]{1,249}$/.test(t.spec.topicName))
    fail(where, 'spec.topicName invalid');
}

function containers(obj) {
  return obj.spec?.template?.spec?.containers ?? [];
}

function deploymentRules(where, d, all) {
  const pod = d.spec?.template?.spec ?? {};
  if (!pod.securityContext?.runAsNonRoot) fail(where, 'pod securityContext.runAsNonRoot must be true');
  const sa = pod.serviceAccountName;
  if (!sa || sa === 'default') fail(where, 'must use its own ServiceAccount');
  else if (!all.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === sa))
    fail(where, `ServiceAccount ${sa} is not defined`);
  for (const c of containers(d)) {
    const w = `${where} container ${c.name}`;
    for (const probe of ['readinessProbe', 'livenessProbe']) if (!c[probe]) fail(w, `missing ${probe}`);
    for (const kind of ['requests', 'limits'])
      for (const r of ['cpu', 'memory'])
        if (!c.resources?.[kind]?.[r]) fail(w, `missing resources.${kind}.${r}`);
    if (c.securityContext?.readOnlyRootFilesystem !== true) fail(w, 'readOnlyRootFilesystem must be true');
    if (c.securityContext?.allowPrivilegeEscalation !== false)
      fail(w, 'allowPrivilegeEscalation must be false');
    if (!(c.securityContext?.capabilities?.drop ?? []).includes('ALL')) fail(w, 'capabilities must drop ALL');
  }
  if ((pod.terminationGracePeriodSeconds ?? 30) < 20)
    fail(where, 'terminationGracePeriodSeconds must exceed the consumer drain (≥ 20 s)');
}

function topicRules(rendered) {
  const topicsPath = path.join(repo, 'packages/kit/dist/bus/topics.js');
  if (!existsSync(topicsPath)) return fail('topics', `build the kit first (${topicsPath} missing)`);
  const { TOPICS, topicConfig, dlqSpec } = require(topicsPath);
  const specs = Object.values(TOPICS).flatMap((s) => [s, dlqSpec(s)]);
  const manifests = rendered.filter((o) => o.kind === 'KafkaTopic');
  for (const spec of specs) {
    const m = manifests.find((t) => t.spec.topicName === spec.name);
    if (!m) {
      fail('topics', `topic ${spec.name} is in the registry but has no KafkaTopic`);
      continue;
    }
    if (m.spec.partitions !== spec.partitions)
      fail('topics', `${spec.name}: partitions ${m.spec.partitions} ≠ registry ${spec.partitions}`);
    for (const [k, v] of Object.entries(topicConfig(spec))) {
      if (String(m.spec.config?.[k]) !== String(v))
        fail('topics', `${spec.name}: config ${k}=${m.spec.config?.[k]} ≠ registry ${v}`);
    }
  }
  for (const m of manifests)
    if (!specs.some((s) => s.name === m.spec.topicName))
      fail('topics', `KafkaTopic ${m.spec.topicName} is not in the code's topic registry`);
}

/** Keys a config schema requires (zod object whose field rejects undefined). */
function requiredEnv(app) {
  const configPath = path.join(repo, 'apps', app, 'dist/config.js');
  if (!existsSync(configPath)) {
    if (existsSync(path.join(repo, 'apps', app, 'src/config.ts')))
      fail(`apps/${app}`, 'not built (dist/config.js missing): run npm run build');
    return undefined;
  }
  const mod = require(configPath);
  const schema = mod.configSchema;
  if (!schema?.shape)
    return fail(`apps/${app}`, 'src/config.ts must export `configSchema` (zod object of env vars)');
  return Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([k]) => k);
}

function envRules(where, d, all, base) {
  const app = d.metadata.name;
  const required = requiredEnv(app);
  if (!required) return;
  const provided = new Set();
  for (const c of containers(d)) {
    for (const e of c.env ?? []) provided.add(e.name);
    for (const src of c.envFrom ?? []) {
      if (src.configMapRef) {
        const cm = all.find((o) => o.kind === 'ConfigMap' && o.metadata.name === src.configMapRef.name);
        if (!cm) fail(where, `envFrom ConfigMap ${src.configMapRef.name} not defined`);
        for (const k of Object.keys(cm?.data ?? {})) provided.add(k);
      }
      if (src.secretRef) {
        // Secrets live outside the repo; their expected keys are declared next to the base.
        const keysFile = path.join(base, app, 'secret-keys.txt');
        if (existsSync(keysFile))
          for (const k of readFileSync(keysFile, 'utf8')
            .split('\n')
            .map((l) => l.replace(/#.*/, '').trim())
            .filter(Boolean))
            provided.add(k);
      }
    }
  }
  for (const k of required)
    if (!provided.has(k)) fail(where, `required env var ${k} (apps/${app} config) is not provided`);
  // Production never runs on the embedded defaults (PGlite on an emptyDir, in-process bus).
  for (const k of ['DATABASE_URL', 'KAFKA_BROKERS'])
    if (!provided.has(k)) fail(where, `${k} is not provided: the pod would fall back to an embedded default`);
}

const overlays = readdirSync(path.join(root, 'overlays'));
const summary = { overlays: {}, problems };
for (const overlay of overlays) {
  const where = `overlays/${overlay}`;
  let objs;
  try {
    objs = render(path.join(root, 'overlays', overlay));
  } catch (err) {
    fail(where, `kustomize failed: ${String(err.stderr || err.message).trim()}`);
    continue;
  }
  summary.overlays[overlay] = objs.length;
  for (const o of objs) {
    const w = `${where} ${o.kind}/${o.metadata?.name}`;
    await schemaCheck(w, o);
    if (o.kind === 'Deployment') {
      deploymentRules(w, o, objs);
      envRules(w, o, objs, path.join(root, 'base'));
    }
  }
  if (objs.some((o) => o.kind === 'KafkaTopic')) topicRules(objs);
  else fail(where, 'renders no KafkaTopic (include components/kafka-topics)');
}
console.log(JSON.stringify(summary, null, 2));
process.exit(problems.length ? 1 : 0);
