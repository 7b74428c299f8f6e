import { z } from 'zod';
import { ConfigurationError } from './core/errors.js';
import { targetSchema } from './core/target.js';

const verifyEventSchema = z.object({
  targets: z
    .array(targetSchema, { error: 'targets must be an array of targets' })
    .min(1, { error: 'targets must name at least one target' }),
});

const recordEventSchema = z.object({
  target: targetSchema,
  heads: z
    .array(z.string(), { error: 'heads must be an array of revision ids' })
    .min(1, { error: 'heads must name at least one revision' }),
  deployId: z
    .string({ error: 'deployId must be a string' })
    .min(1, { error: 'deployId must not be empty' })
    .max(200, { error: 'deployId must be at most 200 characters' }),
  commit: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
});

type VerifyEvent = z.output<typeof verifyEventSchema>;
type RecordEvent = z.output<typeof recordEventSchema>;

/** Formats zod issues as "path: message" lines naming what to fix. */
const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');

const parseWith =
  <T>(schema: z.ZodType<T>, what: string) =>
  (input: unknown): T => {
    const result = schema.safeParse(input);
    if (!result.success) {
      throw new ConfigurationError(
        `invalid ${what}: ${describeIssues(result.error)}`
      );
    }
    return result.data;
  };

const parseVerifyEvent = parseWith(verifyEventSchema, 'verify event');
const parseRecordEvent = parseWith(recordEventSchema, 'record event');

export type { RecordEvent, VerifyEvent };
export { describeIssues, parseRecordEvent, parseVerifyEvent, parseWith };
