import { SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../core/alert-message.js';
import { type AlertSink, snsAlertSink } from '../io/alert-publisher.js';
import { postgresReader } from '../io/version-table.js';
import { checkTarget } from '../verifier.js';
import type { ExitCode } from './exit-codes.js';
import { exitCodeOfVerdict } from './exit-status.js';
import { type ConnectionOptions, localDeps } from './local-deps.js';
import { describeVerdict } from './output.js';

interface VerifyOptions extends ConnectionOptions {
  readonly topicArn?: string;
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

/** `alembic-sentinel verify`: one check of one target, from a shell. */
const runVerify = async (
  options: VerifyOptions,
  write: (text: string) => void
): Promise<ExitCode> => {
  const { target, credentials, attestations } = await localDeps(options);
  const alerts =
    options.topicArn === undefined
      ? printedAlert(options.json ? () => {} : write)
      : snsAlertSink(new SNSClient({}), options.topicArn);

  const { verdict, notified } = await checkTarget(target, {
    credentials,
    readTable: postgresReader(),
    attestations,
    alerts,
    clock: () => new Date(),
  });

  write(
    options.json
      ? JSON.stringify({ verdict, notified: notified ?? null })
      : describeVerdict(verdict)
  );
  return exitCodeOfVerdict(verdict);
};

export type { VerifyOptions };
export { runVerify };
