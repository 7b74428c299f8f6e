import { z } from 'zod';
import { ConfigurationError } from './core/errors.js';
import { type Target, targetSchema } from './core/target.js';
import { describeIssues } from './events.js';

/**
 * The targets the stack was deployed with. The construct compiles them
 * into each function's bundle as `process.env.SENTINEL_TARGETS_JSON`, so
 * they come from the deployment, never from whoever invokes a function.
 */
type TargetRegistry = ReadonlyMap<string, Target>;

const REGISTRY_VARIABLE = 'SENTINEL_TARGETS_JSON';

/** Reads the deployed targets; fails at cold start when they are absent. */
const parseTargetRegistry = (text: string | undefined): TargetRegistry => {
  if (text === undefined || text === '') {
    throw new ConfigurationError(
      `${REGISTRY_VARIABLE} is not set; the functions must be deployed ` +
        'by the AlembicSentinel construct, which compiles the targets in'
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${REGISTRY_VARIABLE} is not JSON`);
  }
  const result = z.array(targetSchema).safeParse(raw);
  if (!result.success) {
    throw new ConfigurationError(
      `${REGISTRY_VARIABLE}: ${describeIssues(result.error)}`
    );
  }
  return new Map(result.data.map((target) => [target.id, target]));
};

let cached: { text: string | undefined; registry: TargetRegistry } | undefined;

/**
 * The registry for this text, parsed once per distinct value: in Lambda
 * the bundle's constant is parsed on the first invocation only.
 */
const deployedTargets = (text: string | undefined): TargetRegistry => {
  if (cached === undefined || cached.text !== text) {
    cached = { text, registry: parseTargetRegistry(text) };
  }
  return cached.registry;
};

const sameTarget = (a: Target, b: Target): boolean =>
  JSON.stringify(Object.entries(a).sort()) ===
  JSON.stringify(Object.entries(b).sort());

/**
 * Resolves a target an event names to its deployed definition. The event
 * may give the id alone, or the full definition, which must then equal
 * the deployed one: an invoker can never point a function, and the
 * credentials it holds, at another host or database.
 */
const resolveTarget = (
  registry: TargetRegistry,
  reference: { readonly id: string; readonly [field: string]: unknown }
): Target => {
  const deployed = registry.get(reference.id);
  if (deployed === undefined) {
    throw new ConfigurationError(
      `target ${reference.id} is not one of the ${registry.size} deployed ` +
        'targets; add it to the stack config and deploy'
    );
  }
  if (Object.keys(reference).length === 1) return deployed;

  const given = targetSchema.safeParse(reference);
  if (!given.success || !sameTarget(given.data, deployed)) {
    throw new ConfigurationError(
      `target ${reference.id} differs from the deployed definition; send ` +
        'its id alone, or the definition from the deployed config'
    );
  }
  return deployed;
};

export type { TargetRegistry };
export {
  deployedTargets,
  parseTargetRegistry,
  REGISTRY_VARIABLE,
  resolveTarget,
};
