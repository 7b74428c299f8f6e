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
});

/** One monitored version table, as written in configuration. */
type TargetInput = z.input<typeof targetSchema>;

/** One monitored version table, validated, with defaults applied. */
type Target = z.output<typeof targetSchema>;

export type { Target, TargetInput };
export { IDENTIFIER_MAX_LENGTH, TlsMode, targetSchema };
