import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
const validator = path.join(__dirname, '..', 'validate.mjs');

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const kubectl = hasKubectl();
if (!kubectl) {
  if (process.env.CI === 'true')
    throw new Error('infra/k8s validation needs kubectl (kustomize) under CI=true');
  process.stderr.write('SKIPPED infra/k8s validation: kubectl not found\n');
}
const suite = kubectl ? describe : describe.skip;

function validate(root: string): { ok: boolean; problems: string[]; overlays: Record<string, number> } {
  const r = spawnSync(process.execPath, [validator, '--root', root, '--repo', repo], { encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { problems: string[]; overlays: Record<string, number> };
  return { ok: r.status === 0, ...out };
}

/** A copy of infra/k8s with one file edited. */
function mutated(file: string, edit: (text: string) => string): { root: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-'));
  cpSync(path.join(repo, 'infra/k8s'), dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`mutation of ${file} changed nothing`);
  writeFileSync(target, after);
  return { root: dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

suite('infra/k8s', () => {
  it('renders every overlay and passes the schema and project checks', () => {
    const r = validate(path.join(repo, 'infra/k8s'));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(Object.keys(r.overlays).sort()).toEqual(['dev', 'prod']);
    expect(r.overlays.prod).toBeGreaterThan(50);
  });

  const cases: [string, string, (s: string) => string, RegExp][] = [
    [
      'a readiness probe',
      'base/agent/deployment.yaml',
      (s) => s.replace(/ {10}readinessProbe:\n( {12}.*\n)+/, ''),
      /Deployment\/agent container agent: missing readinessProbe/,
    ],
    [
      'a memory limit',
      'base/knowledge/deployment.yaml',
      (s) => s.replace(/(limits:\n {14}cpu: "1"\n) {14}memory: 512Mi\n/, '$1'),
      /Deployment\/knowledge container knowledge: missing resources.limits.memory/,
    ],
    [
      'the read-only root filesystem',
      'base/gateway/deployment.yaml',
      (s) => s.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
      /Deployment\/gateway container gateway: readOnlyRootFilesystem must be true/,
    ],
    [
      'non-root',
      'base/commerce/deployment.yaml',
      (s) => s.replace('runAsNonRoot: true', 'runAsNonRoot: false'),
      /Deployment\/commerce: pod securityContext.runAsNonRoot must be true/,
    ],
    [
      'a topic',
      'components/kafka-topics/kafka-topics.yaml',
      (s) =>
        s.replace('topicName: boomerang.agent.outcomes.v1\n', 'topicName: boomerang.agent.outcomes.v0\n'),
      /topic boomerang.agent.outcomes.v1 is in the registry but has no KafkaTopic/,
    ],
    [
      'compaction of a compacted topic',
      'components/kafka-topics/kafka-topics.yaml',
      (s) =>
        s.replace(
          /(topicName: boomerang.analytics.resolution-rate.v1\n[\s\S]*?cleanup.policy: )"compact"/,
          '$1"delete"',
        ),
      /resolution-rate.v1: config cleanup.policy=delete ≠ registry compact/,
    ],
    [
      'a required env var',
      'base/agent/configmap.yaml',
      (s) => s.replace('  KNOWLEDGE_ADDR: knowledge:50051\n', ''),
      /Deployment\/agent: required env var KNOWLEDGE_ADDR \(apps\/agent config\) is not provided/,
    ],
    [
      'the database',
      'base/eligibility/secret-keys.txt',
      (s) => s.replace('DATABASE_URL\n', ''),
      /Deployment\/eligibility: DATABASE_URL is not provided: the pod would fall back to an embedded default/,
    ],
    [
      'a schema-valid field',
      'base/eligibility/service.yaml',
      (s) => s.replace('port: 50051', 'port: "fifty"'),
      /Service\/eligibility: schema/,
    ],
  ];

  it.each(cases)('fails when %s is removed or broken', (_what, file, edit, expected) => {
    const m = mutated(file, edit);
    try {
      const r = validate(m.root);
      expect(r.ok).toBe(false);
      expect(r.problems.join('\n')).toMatch(expected);
    } finally {
      m.cleanup();
    }
  });
});
