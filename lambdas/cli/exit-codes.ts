/** Documented exit codes of the alembic-sentinel CLI. */
const ExitCode = {
  /** Verified OK, or recorded. */
  ok: 0,
  /** Verify found a difference, or record refused: the database is elsewhere. */
  findings: 1,
  /** Bad flags, configuration or input; the message names the fix. */
  usage: 2,
  /** The database or the store could not be read or written. */
  couldNotCheck: 3,
  /** Record lost a race or reused a deploy id with other heads. */
  conflict: 4,
} as const;

type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export { ExitCode };
