import {
  DatabaseFailureReason,
  DatabaseUnavailableError,
} from '../core/errors.js';

/** SQLSTATE codes that tell why a read failed. */
const REASON_BY_SQLSTATE: Readonly<Record<string, DatabaseFailureReason>> = {
  '28P01': DatabaseFailureReason.authentication,
  '28000': DatabaseFailureReason.authentication,
  '57014': DatabaseFailureReason.timeout,
  '55P03': DatabaseFailureReason.lock,
  '42501': DatabaseFailureReason.permission,
  '3D000': DatabaseFailureReason.connect,
  '57P03': DatabaseFailureReason.connect,
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
]);

/** Node's codes for a certificate the client would not trust. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

const reasonOf = (error: unknown): DatabaseFailureReason => {
  if (!(error instanceof Error)) return DatabaseFailureReason.other;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const byState = REASON_BY_SQLSTATE[code];
    if (byState) return byState;
    if (NETWORK_CODES.has(code)) return DatabaseFailureReason.connect;
    if (TLS_CODES.has(code)) return DatabaseFailureReason.tls;
  }
  // node-postgres gives no code when the server refuses TLS altogether.
  if (/does not support SSL/i.test(error.message)) {
    return DatabaseFailureReason.tls;
  }
  // node-postgres reports its own connect and query timeouts without a code.
  if (/timeout/i.test(error.message)) return DatabaseFailureReason.timeout;
  return DatabaseFailureReason.other;
};

const DESCRIPTION: Readonly<Record<DatabaseFailureReason, string>> = {
  connect: 'could not connect',
  authentication: 'authentication failed',
  timeout: 'timed out',
  lock: 'a table the check reads is locked by another transaction',
  permission: 'permission denied',
  tls:
    "TLS failed; check the target's tls setting (verify-full needs the " +
    'RDS CA bundle, NODE_EXTRA_CA_CERTS)',
  other: 'read failed',
};

/**
 * Turns a pg or socket error into a typed error whose message names the
 * endpoint and the reason. The driver's own text is kept only as `cause`,
 * so nothing it might echo reaches a log line or an alert.
 */
const databaseError = (
  error: unknown,
  endpoint: string
): DatabaseUnavailableError => {
  const reason = reasonOf(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const suffix = typeof code === 'string' ? ` [${code}]` : '';
  return new DatabaseUnavailableError(
    reason,
    `${endpoint}: ${DESCRIPTION[reason]}${suffix}`,
    { cause: error }
  );
};

export { databaseError };
