/** How urgently a finding needs a person. */
const Severity = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
} as const;

type Severity = (typeof Severity)[keyof typeof Severity];

/** Stable finding codes. Never rename one: alert filters depend on them. */
const FindingCode = {
  versionMismatch: 'VERSION_MISMATCH',
  noAttestation: 'NO_ATTESTATION',
  tableMissing: 'TABLE_MISSING',
  tableEmpty: 'TABLE_EMPTY',
  malformedValue: 'MALFORMED_VALUE',
  couldNotCheck: 'COULD_NOT_CHECK',
  rolledBack: 'ROLLED_BACK',
  skippedForward: 'SKIPPED_FORWARD',
  unknownRevision: 'UNKNOWN_REVISION',
  sideways: 'SIDEWAYS',
  partialHeads: 'PARTIAL_HEADS',
  duplicateRows: 'DUPLICATE_ROWS',
  extraRows: 'EXTRA_ROWS',
  windowExpired: 'WINDOW_EXPIRED',
  unusualVersionTable: 'UNUSUAL_VERSION_TABLE',
  rowRewritten: 'ROW_REWRITTEN',
  tableReplaced: 'TABLE_REPLACED',
  writesCounted: 'WRITES_COUNTED',
  schemaDrift: 'SCHEMA_DRIFT',
  unexpectedWriter: 'UNEXPECTED_WRITER',
  verifierCanWrite: 'VERIFIER_CAN_WRITE',
} as const;

type FindingCode = (typeof FindingCode)[keyof typeof FindingCode];

/** What the docs and every alert say about one finding code. */
interface FindingDefinition {
  readonly severity: Severity;
  readonly title: string;
  /** The threat scenario(s) this finding reveals, in the docs' words. */
  readonly scenario?: string;
  readonly meaning: string;
  readonly firstSteps: readonly string[];
}

/** One classified difference between expectation and observation. */
interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** One line naming what was seen, with the values. */
  readonly summary: string;
  readonly expected?: readonly string[];
  readonly observed?: readonly string[];
}

export type { Finding, FindingDefinition };
export { FindingCode, Severity };
