import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigurationError } from '../lambdas/core/errors.js';
import { targetSchema } from '../lambdas/core/target.js';
import { alertsSchema, kmsKeyArnSchema } from './config-alerts.js';

/** CloudWatch evaluates an alarm over at most one day of periods. */
const MAX_ALARM_WINDOW_MINUTES = 24 * 60;

const nameSchema = (field: string) =>
  z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, {
    error:
      `${field} must start with a letter and hold at most 64 letters, ` +
      'digits or "-"',
  });

const intIn = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int({ error: `${field} must be a whole number` })
    .min(min, { error: `${field} must be at least ${min}` })
    .max(max, { error: `${field} must be at most ${max}` });

/** An IAM role or user that may invoke one of the functions. */
const principalArnSchema = (field: string) =>
  z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/, {
      error:
        `${field} must be an IAM role or user ARN such as ` +
        'arn:aws:iam::111122223333:role/deploy',
    })
    .optional();

const secretArnPattern =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;

const targetsSchema = z
  .array(targetSchema)
  .min(1, { error: 'targets must list at least one target' })
  .superRefine((targets, context) => {
    const seen = new Map<string, number>();
    targets.forEach((target, index) => {
      const first = seen.get(target.id);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message:
            `id "${target.id}" is already used by targets[${first}]; ` +
            'ids key the attestation store, give each target its own',
        });
      }
      seen.set(target.id, index);

      const { secretId } = target;
      if (secretId.startsWith('arn:') && !secretArnPattern.test(secretId)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'secretId'],
          message:
            'secretId must be a secret name or a Secrets Manager ARN such as ' +
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf',
        });
      }
    });
  });

const scheduleSchema = z.strictObject({
  rateMinutes: intIn('rateMinutes', 1, 60).default(5),
  maxTargetsPerBatch: intIn('maxTargetsPerBatch', 1, 100).default(25),
  missedPeriodsBeforeAlarm: intIn('missedPeriodsBeforeAlarm', 1, 288).default(
    3
  ),
});

const networkSchema = z.strictObject({
  vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, {
    error: 'vpcId must look like vpc-0123456789abcdef0',
  }),
  subnetIds: z
    .array(
      z.string().regex(/^subnet-[0-9a-f]+$/, {
        error: 'subnet ids must look like subnet-0123456789abcdef0',
      })
    )
    .min(1, { error: 'subnetIds must list the private subnets to run in' }),
  securityGroupIds: z
    .array(
      z.string().regex(/^sg-[0-9a-f]+$/, {
        error: 'security group ids must look like sg-0123456789abcdef0',
      })
    )
    .optional(),
});

const sentinelConfigSchema = z
  .strictObject({
    stackName: nameSchema('stackName').default('AlembicSentinel'),
    deploymentName: nameSchema('deploymentName').optional(),
    env: z
      .strictObject({
        account: z
          .string()
          .regex(/^\d{12}$/, { error: 'account must be 12 digits' })
          .optional(),
        region: z
          .string()
          .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, {
            error: 'region must look like eu-west-1',
          })
          .optional(),
      })
      .optional(),
    schedule: scheduleSchema.prefault({}),
    network: networkSchema.optional(),
    alerts: alertsSchema.prefault({}),
    pipelinePrincipalArn: principalArnSchema('pipelinePrincipalArn'),
    pipelineVerifyPrincipalArn: principalArnSchema(
      'pipelineVerifyPrincipalArn'
    ),
    secretKmsKeyArns: z.array(kmsKeyArnSchema).default([]),
    secretNamePrefix: z
      .string()
      .regex(/^[^*?]+$/, {
        error:
          'secretNamePrefix must be a name prefix without wildcards, such ' +
          'as "alembic-sentinel/"',
      })
      .optional(),
    secretCacheTtlSeconds: intIn('secretCacheTtlSeconds', 60, 43_200).default(
      43_200
    ),
    concurrency: z
      .strictObject({
        reserve: z
          .boolean({ error: 'reserve must be true or false' })
          .default(true),
        verifier: intIn('verifier', 1, 1000).optional(),
        recorder: intIn('recorder', 1, 1000).optional(),
      })
      .prefault({}),
    logLevel: z
      .enum(['DEBUG', 'INFO', 'WARN', 'ERROR'], {
        error: 'logLevel must be one of "DEBUG", "INFO", "WARN", "ERROR"',
      })
      .default('INFO'),
    targets: targetsSchema,
  })
  .superRefine((config, context) => {
    const { rateMinutes, missedPeriodsBeforeAlarm } = config.schedule;
    if (rateMinutes * missedPeriodsBeforeAlarm > MAX_ALARM_WINDOW_MINUTES) {
      context.addIssue({
        code: 'custom',
        path: ['schedule', 'missedPeriodsBeforeAlarm'],
        message:
          `rateMinutes × missedPeriodsBeforeAlarm is ` +
          `${rateMinutes * missedPeriodsBeforeAlarm} minutes; CloudWatch ` +
          'alarms look back at most 1440 minutes, lower one of them',
      });
    }
  });

/** The deploy configuration file, as written. */
type SentinelConfigInput = z.input<typeof sentinelConfigSchema>;

/** The deploy configuration, validated, with defaults applied. */
type SentinelConfig = z.output<typeof sentinelConfigSchema>;

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const where = field === '' ? 'top-level field' : `field in ${field}`;
    return `unknown ${where} ${keys}; check the spelling or remove it`;
  }
  if (field === '') return issue.message;
  return `${field}: ${issue.message}`;
};

/**
 * Validates a parsed configuration object. Throws a ConfigurationError that
 * lists every problem, each with the field path and the fix.
 */
const parseSentinelConfig = (raw: unknown, source: string): SentinelConfig => {
  const result = sentinelConfigSchema.safeParse(raw);
  if (result.success) return result.data;

  const problems = result.error.issues.map(
    (issue) => `  - ${describeIssue(issue)}`
  );
  throw new ConfigurationError(
    `${source} is not a valid sentinel config:\n${problems.join('\n')}`
  );
};

/** Reads and validates a configuration file. */
const loadSentinelConfig = (path: string): SentinelConfig => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `cannot read config file ${path}; copy sentinel.config.example.json ` +
        'there, or pass another path with -c config=PATH',
      { cause: error }
    );
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `${path} is not valid JSON: ${(error as Error).message}`,
      { cause: error }
    );
  }
  return parseSentinelConfig(raw, path);
};

export type { SentinelConfig, SentinelConfigInput };
export { loadSentinelConfig, parseSentinelConfig, sentinelConfigSchema };
