import { z } from 'zod';

/** How the verifier and recorder secure the database connection. */
const TlsMode = {
  /** TLS with certificate and host name checks (RDS CA bundle). */
  verifyFull: 'verify-full',
  /** TLS without certificate checks. */
  require: 'require',
  /** Plain TCP; only for local databases on loopback. */
  disable: 'disable',
} as const;

type TlsMode = (typeof TlsMode)[keyof typeof TlsMode];

const IDENTIFIER_MAX_LENGTH = 63;

const identifier = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, { error: `${field} must not be empty` })
    .max(IDENTIFIER_MAX_LENGTH, {
      error: `${field} is longer than PostgreSQL's 63-byte identifier limit`,
    });

/** Longest list a target may give for schemas, patterns or roles. */
const MAX_LIST_LENGTH = 100;

const identifierList = (field: string, what: string) =>
  z
    .array(identifier(`each of ${field}`), {
      error: `${field} must be an array of ${what}`,
    })
    .min(1, { error: `${field} must name at least one ${what.slice(0, -1)}` })
    .max(MAX_LIST_LENGTH, {
      error: `${field} may name at most ${MAX_LIST_LENGTH} ${what}`,
    });

const targetSchema = z.strictObject({
  id: z
    .string({ error: 'id must be a string' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
      error:
        'id must be 1-64 characters of letters, digits, ".", "_" or "-", ' +
        'starting with a letter or digit',
    }),
  secretId: z
    .string({ error: 'secretId must be a string' })
    .min(1, { error: 'secretId must name a Secrets Manager secret' }),
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  database: z.string().min(1).optional(),
  schema: identifier('schema').default('public'),
  versionTable: identifier('versionTable').default('alembic_version'),
  tls: z
    .enum([TlsMode.verifyFull, TlsMode.require, TlsMode.disable], {
      error: 'tls must be one of "verify-full", "require", "disable"',
    })
    .default(TlsMode.verifyFull),
  /**
   * Schemas whose objects the schema fingerprint covers.
   * @default [schema], the version table's schema
   */
  schemas: identifierList('schemas', 'schema names').optional(),
  /**
   * Glob patterns (`*`, `?`) of objects other tools manage, left out of
   * the fingerprint: `schema.name`, or `name` in any schema.
   * @default []
   */
  schemaExclude: z
    .array(
      z
        .string({ error: 'each of schemaExclude must be a string' })
        .min(1, { error: 'schemaExclude patterns must not be empty' })
        .max(200, { error: 'schemaExclude patterns are at most 200 long' }),
      { error: 'schemaExclude must be an array of glob patterns' }
    )
    .max(MAX_LIST_LENGTH, {
      error: `schemaExclude may hold at most ${MAX_LIST_LENGTH} patterns`,
    })
    .optional(),
  /**
   * Roles allowed to write the version table (the migration role, and
   * any superuser you accept). Others are UNEXPECTED_WRITER findings.
   * @default undefined: writers are not audited against a list
   */
  allowedWriters: identifierList('allowedWriters', 'role names').optional(),
});

/** One monitored version table, as written in configuration. */
type TargetInput = z.input<typeof targetSchema>;

/** One monitored version table, validated, with defaults applied. */
type Target = z.output<typeof targetSchema>;

export type { Target, TargetInput };
export { IDENTIFIER_MAX_LENGTH, TlsMode, targetSchema };
