/**
 * Every failure alembic-sentinel raises on purpose is a SentinelError with a
 * stable `code`. Callers branch on the class or the code, never on the text.
 */
class SentinelError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SentinelError';
    this.code = code;
  }
}

/** Configuration or input that cannot be used; the message names the fix. */
class ConfigurationError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFIGURATION', message, options);
    this.name = 'ConfigurationError';
  }
}

/** A secret that cannot be read or lacks a field. Never carries the value. */
class CredentialsError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super('CREDENTIALS', message, options);
    this.name = 'CredentialsError';
  }
}

/** The database could not be read: network, authentication or timeout. */
class DatabaseUnavailableError extends SentinelError {
  readonly reason: DatabaseFailureReason;

  constructor(
    reason: DatabaseFailureReason,
    message: string,
    options?: ErrorOptions
  ) {
    super('DATABASE_UNAVAILABLE', message, options);
    this.name = 'DatabaseUnavailableError';
    this.reason = reason;
  }
}

const DatabaseFailureReason = {
  connect: 'connect',
  authentication: 'authentication',
  timeout: 'timeout',
  lock: 'lock',
  permission: 'permission',
  tls: 'tls',
  other: 'other',
} as const;

type DatabaseFailureReason =
  (typeof DatabaseFailureReason)[keyof typeof DatabaseFailureReason];

/** The attestation store could not be read or written. */
class StoreError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super('STORE', message, options);
    this.name = 'StoreError';
  }
}

/** The recorder saw a database state other than the one it was told of. */
class RecordRefusedError extends SentinelError {
  readonly claimedHeads: readonly string[];
  readonly observedHeads: readonly string[];

  constructor(
    message: string,
    claimedHeads: readonly string[],
    observedHeads: readonly string[]
  ) {
    super('RECORD_REFUSED', message);
    this.name = 'RecordRefusedError';
    this.claimedHeads = claimedHeads;
    this.observedHeads = observedHeads;
  }
}

/** Another recorder kept winning the race for the next sequence number. */
class AttestationConflictError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super('ATTESTATION_CONFLICT', message, options);
    this.name = 'AttestationConflictError';
  }
}

/** An alert could not be delivered; the run must fail so it is retried. */
class PublishError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super('PUBLISH', message, options);
    this.name = 'PublishError';
  }
}

/** What made a migration script or the revision graph unusable. */
type ManifestFailureReason =
  | 'unreadable'
  | 'missing-field'
  | 'invalid-id'
  | 'duplicate'
  | 'unknown-reference'
  | 'cycle';

/**
 * A migration script, or the revision graph the scripts form, cannot be
 * turned into a manifest: a value that cannot be read without running
 * Python, a missing field, a duplicate or unknown revision, a cycle. The
 * message names the file and line where one applies; so do `fileName` and
 * `line`.
 */
class ManifestError extends SentinelError {
  readonly reason: ManifestFailureReason;
  readonly fileName: string | undefined;
  readonly line: number | undefined;

  constructor(
    reason: ManifestFailureReason,
    message: string,
    location: { readonly fileName?: string; readonly line?: number } = {},
    options?: ErrorOptions
  ) {
    super('MANIFEST', message, options);
    this.name = 'ManifestError';
    this.reason = reason;
    this.fileName = location.fileName;
    this.line = location.line;
  }
}

export {
  AttestationConflictError,
  ConfigurationError,
  CredentialsError,
  DatabaseFailureReason,
  DatabaseUnavailableError,
  ManifestError,
  PublishError,
  RecordRefusedError,
  SentinelError,
  StoreError,
};
