import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * The alert topic: TLS-only publishing by topic policy, SHA256 signatures
 * for HTTPS subscribers, and optional encryption with a customer key.
 * The topic policy replaces SNS's default one, so it also lets CloudWatch
 * alarms of this account publish.
 */
const createAlertTopic = (
  scope: Construct,
  id: string,
  masterKey: kms.IKey | undefined
): sns.Topic => {
  const topic = new sns.Topic(scope, id, {
    displayName: 'alembic-sentinel alerts',
    enforceSSL: true,
    signatureVersion: '2',
    masterKey,
  });

  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: {
          'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
        },
      },
    })
  );
  return topic;
};

export { createAlertTopic };
