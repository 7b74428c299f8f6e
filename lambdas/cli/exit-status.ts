import {
  AttestationConflictError,
  ConfigurationError,
  CredentialsError,
  ManifestError,
  RecordRefusedError,
} from '../core/errors.js';
import { type Verdict, VerdictStatus } from '../core/verdict.js';
import { ExitCode } from './exit-codes.js';

/** The exit code a verdict ends the process with. */
const exitCodeOfVerdict = (verdict: Verdict): ExitCode => {
  switch (verdict.status) {
    case VerdictStatus.ok:
      return ExitCode.ok;
    case VerdictStatus.unchecked:
      return ExitCode.couldNotCheck;
    default:
      return ExitCode.findings;
  }
};

/** The exit code a failed command ends the process with. */
const exitCodeOfError = (error: unknown): ExitCode => {
  if (error instanceof RecordRefusedError) return ExitCode.findings;
  if (error instanceof AttestationConflictError) return ExitCode.conflict;
  if (error instanceof ConfigurationError) return ExitCode.usage;
  if (error instanceof CredentialsError) return ExitCode.usage;
  if (error instanceof ManifestError) return ExitCode.usage;
  return ExitCode.couldNotCheck;
};

export { exitCodeOfError, exitCodeOfVerdict };
