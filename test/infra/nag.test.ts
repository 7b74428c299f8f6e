import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { NETWORK, synthSentinel } from './synth.js';

type Synthesized = ReturnType<typeof synthSentinel>;

const nagViolations = ({ app }: Synthesized) =>
  new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity,
    paths: v.violatingResources.map((resource) => resource.constructPath),
  }));

/** Every acknowledgment recorded anywhere in the construct tree. */
const acknowledgments = ({ app }: Synthesized) =>
  app.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter(
      (entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    )
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
    .map(([id, reason]) => [id.replace(/^Annotation::/, ''), reason] as const);

describe('SentinelStack: cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding outside a VPC', () => {
    expect(nagViolations(synthSentinel())).toEqual([]);
  });

  it('reports no unacknowledged finding in a VPC with every option set', () => {
    const synthesized = synthSentinel({
      network: NETWORK,
      pipelinePrincipalArn: 'arn:aws:iam::111122223333:role/deploy',
      secretKmsKeyArns: [
        'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ],
      alerts: {
        kmsKeyArn:
          'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        subscriptions: [
          { protocol: 'email', endpoint: 'ops@example.com' },
          {
            protocol: 'lambda',
            endpoint: 'arn:aws:lambda:eu-west-1:111122223333:function:pager',
          },
        ],
      },
    });

    expect(nagViolations(synthesized)).toEqual([]);
  });

  it('reports no unacknowledged finding with secretNamePrefix set', () => {
    const synthesized = synthSentinel({
      network: NETWORK,
      secretNamePrefix: 'prod/',
      targets: [
        { id: 'orders', secretId: 'prod/orders' },
        {
          id: 'billing',
          secretId:
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing-AbCdEf',
        },
      ],
    });

    expect(nagViolations(synthesized)).toEqual([]);
  });

  it('gives every acknowledgment a written reason', () => {
    const entries = acknowledgments(synthSentinel({ network: NETWORK }));

    const nagRules = entries
      .map(([rule]) => rule)
      .filter((rule) => rule.startsWith('AwsSolutions-'));
    expect(nagRules.sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      'AwsSolutions-SQS3',
    ]);
    for (const [, reason] of entries) {
      expect(reason.length).toBeGreaterThan(30);
    }
  });

  it('still reports findings on resources added without a reason', async () => {
    const { Queue, QueueEncryption } = await import('aws-cdk-lib/aws-sqs');
    const synthesized = synthSentinel(
      {},
      {
        customize: (stack) => {
          new Queue(stack, 'Unreviewed', {
            encryption: QueueEncryption.UNENCRYPTED,
          });
        },
      }
    );

    expect(nagViolations(synthesized).map((v) => v.rule)).toContain(
      'AwsSolutions-SQS2'
    );
  });
});
