import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../core/alert-message.js';
import { ConfigurationError } from '../core/errors.js';
import type { Verdict } from '../core/verdict.js';
import { type AlertSink, snsAlertSink } from '../io/alert-publisher.js';
import { postgresReader } from '../io/version-table.js';
import { checkTarget } from '../verifier.js';
import type { ExitCode } from './exit-codes.js';
import { exitCodeOfVerdict } from './exit-status.js';
import { invokeFunction } from './lambda-invoke.js';
import { type ConnectionOptions, localDeps, targetFrom } from './local-deps.js';
import { describeVerdict } from './output.js';

interface VerifyOptions extends ConnectionOptions {
  readonly topicArn?: string;
  /** Invoke the deployed verifier for this one target instead. */
  readonly verifierFunction?: string;
  readonly json?: boolean;
}

const printedAlert =
  (write: (text: string) => void): AlertSink =>
  async (message: AlertMessage) => {
    write(
      [
        '--- alert (printed here; pass --topic-arn to publish to SNS) ---',
        `Subject: ${message.subject}`,
        `Attributes: ${JSON.stringify(message.attributes)}`,
        '',
        message.text,
        '--- end of alert ---',
      ].join('\n')
    );
  };

const verifyLocally = async (
  options: VerifyOptions,
  write: (text: string) => void
): Promise<Verdict> => {
  const deps = await localDeps(options);
  const alerts =
    options.topicArn === undefined
      ? printedAlert(options.json ? () => {} : write)
      : snsAlertSink(new SNSClient({}), options.topicArn);
  const { verdict } = await checkTarget(deps.target, {
    ...deps,
    readTable: postgresReader(undefined, { evidence: true }),
    alerts,
    clock: () => new Date(),
  });
  return verdict;
};

const verifyRemotely = async (
  options: VerifyOptions,
  functionName: string
): Promise<Verdict> => {
  if (options.targetInput === undefined && options.secretId === undefined) {
    throw new ConfigurationError(
      'the deployed verifier reads credentials from Secrets Manager; ' +
        'pass --config sentinel.config.json or --secret-id'
    );
  }
  const result = (await invokeFunction(new LambdaClient({}), functionName, {
    targets: [options.targetInput ?? targetFrom(options)],
  })) as { verdicts?: Verdict[] };
  const verdict = result.verdicts?.[0];
  if (verdict === undefined) {
    throw new ConfigurationError(`${functionName} returned no verdict`);
  }
  return verdict;
};

/**
 * `alembic-sentinel verify`: one check of one target, here or through the
 * deployed verifier (which then also runs the alert lifecycle).
 */
const runVerify = async (
  options: VerifyOptions,
  write: (text: string) => void
): Promise<ExitCode> => {
  const verdict =
    options.verifierFunction === undefined
      ? await verifyLocally(options, write)
      : await verifyRemotely(options, options.verifierFunction);

  write(options.json ? JSON.stringify({ verdict }) : describeVerdict(verdict));
  return exitCodeOfVerdict(verdict);
};

export type { VerifyOptions };
export { runVerify };
