import type { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { exitCodeOfError } from '../../lambdas/cli/exit-status.js';
import {
  type RecordOptions,
  runBegin,
  runRecord,
} from '../../lambdas/cli/record-command.js';
import { runVerify } from '../../lambdas/cli/verify-command.js';
import {
  ConfigurationError,
  SentinelError,
} from '../../lambdas/core/errors.js';
import { loadSentinelConfig } from '../../lib/config.js';
import { alembic } from '../e2e/run.js';
import {
  type DeployedStack,
  RECORDER_FUNCTION,
  type TargetDatabase,
  VERIFIER_FUNCTION,
} from './deployed-stack.js';

/** What one CLI command left behind, as a pipeline sees it. */
interface StepResult {
  readonly code: ExitCode;
  readonly stdout: string;
  /** The error line the CLI prints, without its `alembic-sentinel:` prefix. */
  readonly stderr: string;
}

/** What the CLI prints for a failure (bin/alembic-sentinel.ts). */
const describeFailure = (error: unknown): string =>
  error instanceof SentinelError
    ? error.message
    : `unexpected ${error instanceof Error ? error.name : 'failure'}: ${
        error instanceof Error ? error.message : String(error)
      }`;

/** The target from `--config`, found by `--target`, as the CLI does it. */
const targetFromConfig = (configPath: string, targetId: string) => {
  const target = loadSentinelConfig(configPath).targets.find(
    (candidate) => candidate.id === targetId
  );
  if (target === undefined) {
    throw new ConfigurationError(`target ${targetId} is not in ${configPath}`);
  }
  return target;
};

/** Flags a pipeline passes to `record` and `record begin`. */
interface DeployFlags {
  /** `--heads`: ids, or the output of `alembic heads` as is. */
  readonly heads: string;
  readonly deployId: string;
  readonly commit?: string;
  readonly actor?: string;
  readonly versionsDir?: string;
  readonly json?: boolean;
  /** `--recorder-function`; the stack's recorder unless given. */
  readonly recorderFunction?: string;
}

/**
 * The CLI's commands as a pipeline step runs them against the deployed
 * stack: `--config` for the target, `--recorder-function` and
 * `--verifier-function` for the functions. Runs the command functions in
 * this process and turns a failure into the exit code and message the
 * CLI would print; everything printed also goes to the stack's transcript.
 */
const pipelineFor = (stack: DeployedStack, target: TargetDatabase) => {
  const step = async (
    command: (write: (text: string) => void) => Promise<ExitCode>
  ): Promise<StepResult> => {
    const printed: string[] = [];
    const write = (text: string) => {
      printed.push(text);
      stack.transcript.push(text);
    };
    try {
      const code = await command(write);
      return { code, stdout: printed.join('\n'), stderr: '' };
    } catch (error) {
      const stderr = describeFailure(error);
      stack.transcript.push(stderr);
      return {
        code: exitCodeOfError(error),
        stdout: printed.join('\n'),
        stderr,
      };
    }
  };

  const deployOptions = (flags: DeployFlags): RecordOptions => ({
    target: target.id,
    targetInput: targetFromConfig(target.configPath, target.id),
    table: 'alembic-sentinel',
    recorderFunction: flags.recorderFunction ?? RECORDER_FUNCTION,
    deployId: flags.deployId,
    heads: [flags.heads],
    ...(flags.commit !== undefined && { commit: flags.commit }),
    ...(flags.actor !== undefined && { actor: flags.actor }),
    ...(flags.versionsDir !== undefined && { versionsDir: flags.versionsDir }),
    ...(flags.json !== undefined && { json: flags.json }),
  });

  return {
    /** `alembic -c ... <args>` against the target, as the pipeline runs it. */
    alembic: (...args: string[]) => alembic(target.sqlalchemyUrl, ...args),
    record: (flags: DeployFlags) =>
      step((write) => runRecord(deployOptions(flags), write)),
    begin: (flags: DeployFlags & { expiresInMinutes?: number }) =>
      step((write) =>
        runBegin(
          {
            ...deployOptions(flags),
            expiresInMinutes: flags.expiresInMinutes ?? 60,
          },
          write
        )
      ),
    verify: (flags: { json?: boolean; verifierFunction?: string } = {}) =>
      step((write) =>
        runVerify(
          {
            target: target.id,
            targetInput: targetFromConfig(target.configPath, target.id),
            table: 'alembic-sentinel',
            verifierFunction: flags.verifierFunction ?? VERIFIER_FUNCTION,
            ...(flags.json !== undefined && { json: flags.json }),
          },
          write
        )
      ),
  };
};

export type { StepResult };
export { pipelineFor };
