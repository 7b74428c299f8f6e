import { z } from 'zod';
import { ConfigurationError, SentinelError } from './core/errors.js';
import type { Manifest } from './core/manifest/manifest-format.js';
import { deserialiseManifest } from './core/manifest/manifest-storage.js';

/** A target as an event names it: its id, with or without its fields. */
const targetReference = z.looseObject({
  id: z.string({ error: 'id must name a deployed target' }),
});

const verifyEventSchema = z.object({
  targets: z
    .array(targetReference, { error: 'targets must be an array of targets' })
    .min(1, { error: 'targets must name at least one target' }),
});

const revisionList = (field: string) =>
  z
    .array(z.string(), { error: `${field} must be an array of revision ids` })
    .min(1, { error: `${field} must name at least one revision` });

const deployId = z
  .string({ error: 'deployId must be a string' })
  .min(1, { error: 'deployId must not be empty' })
  .max(200, { error: 'deployId must be at most 200 characters' });

/** The manifest travels as the compact text serialiseManifest writes. */
const manifestText = z
  .string({
    error: 'manifest must be the text alembic-sentinel manifest writes',
  })
  .optional();

const recordEventSchema = z.strictObject({
  action: z.literal('record'),
  target: targetReference,
  heads: revisionList('heads'),
  deployId,
  commit: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  manifest: manifestText,
});

const beginEventSchema = z.strictObject({
  action: z.literal('begin'),
  target: targetReference,
  deployId,
  toHeads: revisionList('toHeads'),
  expiresInMinutes: z
    .number({ error: 'expiresInMinutes must be a number' })
    .int()
    .min(1, { error: 'expiresInMinutes must be at least 1' })
    .max(1440, { error: 'expiresInMinutes must be at most 1440 (a day)' })
    .default(60),
  manifest: manifestText,
});

const withDefaultAction = (input: unknown): unknown =>
  typeof input === 'object' && input !== null && !('action' in input)
    ? { ...input, action: 'record' }
    : input;

const recorderEventSchema = z.preprocess(
  withDefaultAction,
  z.discriminatedUnion('action', [recordEventSchema, beginEventSchema], {
    error: 'action must be "record" (the default) or "begin"',
  })
);

type VerifyEvent = z.output<typeof verifyEventSchema>;
type RecorderEvent = z.output<typeof recorderEventSchema>;

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

/** Reads the manifest text of an event; a bad one names the field. */
const manifestOf = (text: string | undefined): Manifest | undefined => {
  if (text === undefined) return undefined;
  try {
    return deserialiseManifest(text);
  } catch (error) {
    const reason = error instanceof SentinelError ? `: ${error.message}` : '';
    throw new ConfigurationError(`invalid record event: manifest${reason}`, {
      cause: error,
    });
  }
};

const parseVerifyEvent = parseWith(verifyEventSchema, 'verify event');
const parseRecordEvent = parseWith(recorderEventSchema, 'record event');

export type { RecorderEvent, VerifyEvent };
export {
  describeIssues,
  manifestOf,
  parseRecordEvent,
  parseVerifyEvent,
  parseWith,
};
