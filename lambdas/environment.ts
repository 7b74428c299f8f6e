import { z } from 'zod';
import { parseWith } from './events.js';

const THREE_HOURS_SECONDS = 3 * 60 * 60;

const verifierEnvSchema = z.object({
  SENTINEL_TABLE_NAME: z.string({
    error: 'SENTINEL_TABLE_NAME must name the DynamoDB table',
  }),
  SENTINEL_TOPIC_ARN: z.string({
    error: 'SENTINEL_TOPIC_ARN must name the SNS topic for alerts',
  }),
  SENTINEL_SECRET_TTL_SECONDS: z.coerce
    .number({ error: 'SENTINEL_SECRET_TTL_SECONDS must be a number' })
    .int()
    .min(0)
    .default(THREE_HOURS_SECONDS),
  SENTINEL_DOCS_URL: z.string().optional(),
});

const recorderEnvSchema = z.object({
  SENTINEL_TABLE_NAME: z.string({
    error: 'SENTINEL_TABLE_NAME must name the DynamoDB table',
  }),
  SENTINEL_SECRET_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(THREE_HOURS_SECONDS),
});

type VerifierEnv = z.output<typeof verifierEnvSchema>;
type RecorderEnv = z.output<typeof recorderEnvSchema>;

/** Validates the verifier's environment once, at cold start. */
const parseVerifierEnv = parseWith(verifierEnvSchema, 'verifier environment');

/** Validates the recorder's environment once, at cold start. */
const parseRecorderEnv = parseWith(recorderEnvSchema, 'recorder environment');

export type { RecorderEnv, VerifierEnv };
export { parseRecorderEnv, parseVerifierEnv };
