import { Duration, Stack, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ConfigurationError } from '../lambdas/core/errors.js';
import { type Target, targetSchema } from '../lambdas/core/target.js';
import type { AlembicSentinelProps } from './sentinel-props.js';

/** Props with defaults applied and ranges checked. */
interface SentinelTuning {
  readonly deploymentName: string;
  readonly scheduleRate: Duration;
  readonly maxTargetsPerBatch: number;
  readonly missedPeriodsBeforeAlarm: number;
  readonly secretCacheTtl: Duration;
  readonly verifierTimeout: Duration;
}

const MAX_ALARM_WINDOW = Duration.days(1);

const requireRange = (
  prop: string,
  value: number,
  min: number,
  max: number
): number => {
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  throw new ConfigurationError(
    `${prop} is ${value}; it must be a whole number from ${min} to ${max}`
  );
};

/**
 * Validates every target with the handlers' schema. The error names the
 * target by position and id, and the field to fix.
 */
const validateTargets = (targets: readonly unknown[]): Target[] => {
  if (targets.length === 0) {
    throw new ConfigurationError('targets is empty; list at least one target');
  }

  const seen = new Set<string>();
  return targets.map((raw, index) => {
    const result = targetSchema.safeParse(raw);
    if (!result.success) {
      const problems = result.error.issues.map(
        (issue) => `${issue.path.join('.') || 'target'}: ${issue.message}`
      );
      throw new ConfigurationError(
        `targets[${index}] is invalid: ${problems.join('; ')}`
      );
    }
    if (seen.has(result.data.id)) {
      throw new ConfigurationError(
        `targets[${index}].id "${result.data.id}" is used twice; ` +
          'give each target its own id'
      );
    }
    seen.add(result.data.id);
    return result.data;
  });
};

/** Applies the documented defaults and checks the limits AWS imposes. */
const resolveTuning = (
  scope: Construct,
  props: AlembicSentinelProps
): SentinelTuning => {
  const scheduleRate = props.scheduleRate ?? Duration.minutes(5);
  const rateMinutes = scheduleRate.toMinutes();
  requireRange('scheduleRate (minutes)', rateMinutes, 1, 1440);

  const missedPeriodsBeforeAlarm = requireRange(
    'missedPeriodsBeforeAlarm',
    props.missedPeriodsBeforeAlarm ?? 3,
    1,
    Math.floor(MAX_ALARM_WINDOW.toMinutes() / rateMinutes)
  );
  const maxTargetsPerBatch = requireRange(
    'maxTargetsPerBatch',
    props.maxTargetsPerBatch ?? 25,
    1,
    100
  );

  const deploymentName = props.deploymentName ?? Stack.of(scope).stackName;
  if (!Token.isUnresolved(deploymentName) && deploymentName.length === 0) {
    throw new ConfigurationError('deploymentName must not be empty');
  }

  return {
    deploymentName,
    scheduleRate,
    maxTargetsPerBatch,
    missedPeriodsBeforeAlarm,
    secretCacheTtl: props.secretCacheTtl ?? Duration.hours(12),
    verifierTimeout: props.verifierTimeout ?? Duration.seconds(30),
  };
};

export type { SentinelTuning };
export { resolveTuning, validateTargets };
