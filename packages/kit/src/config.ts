import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly issues: { variable: string; problem: string }[],
  ) {
    super(
      `${app}: invalid configuration:\n` + issues.map((i) => `  - ${i.variable}: ${i.problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads configuration once from the environment. The schema's keys are the environment variable
 * names (e.g. `GRPC_PORT`); use zod coercion for numbers/booleans. Fails with every offending
 * variable named, so a pod crash-loop says exactly what to set.
 */
export function loadConfig<S extends z.ZodObject>(
  app: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): DeepReadonly<z.output<S>> {
  // Treat empty strings as unset so `FOO=` does not silently pass a required check.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(root)',
      problem:
        issue.code === 'invalid_type' && issue.input === undefined ? 'required but not set' : issue.message,
    }));
    throw new ConfigError(app, issues);
  }
  return deepFreeze(result.data) as DeepReadonly<z.output<S>>;
}

/** Common variables: a boolean from "true"/"false"/"1"/"0". */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A TCP port (0 = pick a free one). */
export const envPort = z.coerce.number().int().min(0).max(65535);

/** Comma-separated list. */
export const envList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** Prefix for every topic and consumer group (several stacks on one Kafka cluster). */
export const envBusNamespace = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lowercase letters, digits, ".", "_" and "-", at most 63');
