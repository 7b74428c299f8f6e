import { z } from 'zod';
import { type AlertPolicy, DEFAULT_ALERT_POLICY } from './core/alert-state.js';
import { parseWith } from './events.js';
import { DEFAULT_AUDIT_RETENTION_DAYS } from './io/audit-trail.js';

const THREE_HOURS_SECONDS = 3 * 60 * 60;
const MINUTE_MILLIS = 60_000;

const required = (name: string, what: string) =>
  z.string({ error: `${name} must name ${what}` }).min(1, {
    error: `${name} must name ${what}`,
  });

const whole = (name: string, fallback: number, minimum = 0) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .min(minimum, { error: `${name} must be at least ${minimum}` })
    .default(fallback);

const secretTtl = whole('SENTINEL_SECRET_TTL_SECONDS', THREE_HOURS_SECONDS);

const verifierEnvSchema = z.object({
  SENTINEL_TABLE_NAME: required('SENTINEL_TABLE_NAME', 'the DynamoDB table'),
  SENTINEL_TOPIC_ARN: required('SENTINEL_TOPIC_ARN', 'the SNS alert topic'),
  SENTINEL_SECRET_TTL_SECONDS: secretTtl,
  SENTINEL_DEPLOYMENT: z.string().min(1).default('default'),
  SENTINEL_DOCS_URL: z.string().optional(),
  SENTINEL_REMIND_AFTER_MINUTES: whole(
    'SENTINEL_REMIND_AFTER_MINUTES',
    DEFAULT_ALERT_POLICY.remindAfterMillis / MINUTE_MILLIS,
    1
  ),
  SENTINEL_UNCHECKED_THRESHOLD: whole(
    'SENTINEL_UNCHECKED_THRESHOLD',
    DEFAULT_ALERT_POLICY.uncheckedThreshold,
    1
  ),
  SENTINEL_HEARTBEAT_MINUTES: whole(
    'SENTINEL_HEARTBEAT_MINUTES',
    DEFAULT_ALERT_POLICY.heartbeatMillis / MINUTE_MILLIS,
    1
  ),
  SENTINEL_AUDIT_RETENTION_DAYS: whole(
    'SENTINEL_AUDIT_RETENTION_DAYS',
    DEFAULT_AUDIT_RETENTION_DAYS,
    1
  ),
});

const recorderEnvSchema = z.object({
  SENTINEL_TABLE_NAME: required('SENTINEL_TABLE_NAME', 'the DynamoDB table'),
  SENTINEL_SECRET_TTL_SECONDS: secretTtl,
});

type VerifierEnv = z.output<typeof verifierEnvSchema>;
type RecorderEnv = z.output<typeof recorderEnvSchema>;

/** Validates the verifier's environment once, at cold start. */
const parseVerifierEnv = parseWith(verifierEnvSchema, 'verifier environment');

/** Validates the recorder's environment once, at cold start. */
const parseRecorderEnv = parseWith(recorderEnvSchema, 'recorder environment');

/** The alert policy the verifier's environment asks for. */
const alertPolicyOf = (env: VerifierEnv): AlertPolicy => ({
  ...DEFAULT_ALERT_POLICY,
  remindAfterMillis: env.SENTINEL_REMIND_AFTER_MINUTES * MINUTE_MILLIS,
  uncheckedThreshold: env.SENTINEL_UNCHECKED_THRESHOLD,
  heartbeatMillis: env.SENTINEL_HEARTBEAT_MINUTES * MINUTE_MILLIS,
});

export type { RecorderEnv, VerifierEnv };
export { alertPolicyOf, parseRecorderEnv, parseVerifierEnv };
