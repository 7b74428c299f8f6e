import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthSentinel } from './synth.js';

const KEY_ARN =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('SentinelStack: alert topic', () => {
  it('denies publishing without TLS in the topic policy', () => {
    const { template } = synthSentinel();

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets CloudWatch alarms of this account publish', () => {
    const { template } = synthSentinel();

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            }),
          }),
        ]),
      },
    });
  });

  it('uses no KMS key unless one is configured', () => {
    const { template } = synthSentinel();
    const topics = Object.values(template.findResources('AWS::SNS::Topic'));

    expect(topics).toHaveLength(1);
    expect(topics[0]?.Properties.KmsMasterKeyId).toBeUndefined();
    expect(topics[0]?.Properties.SignatureVersion).toBe('2');
  });

  it('encrypts with the configured customer key and lets the verifier use it', () => {
    const { template } = synthSentinel({ alerts: { kmsKeyArn: KEY_ARN } });

    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: KEY_ARN,
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'EncryptAlerts',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: KEY_ARN,
          }),
        ]),
      },
    });
  });

  it('subscribes email, HTTPS, SQS and Lambda endpoints from config', () => {
    const { template } = synthSentinel({
      alerts: {
        subscriptions: [
          { protocol: 'email', endpoint: 'ops@example.com' },
          { protocol: 'https', endpoint: 'https://hooks.example.com/alerts' },
          {
            protocol: 'sqs',
            endpoint: 'arn:aws:sqs:eu-west-1:111122223333:alerts',
          },
          {
            protocol: 'lambda',
            endpoint: 'arn:aws:lambda:eu-west-1:111122223333:function:pager',
          },
        ],
      },
    });

    template.resourceCountIs('AWS::SNS::Subscription', 4);
    for (const protocol of ['email', 'https', 'sqs', 'lambda']) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: protocol,
      });
    }
  });

  it('passes a filter policy on alert attributes through as written', () => {
    const filterPolicy = {
      severity: ['CRITICAL', 'HIGH'],
      state: ['OPEN'],
    };
    const { template } = synthSentinel({
      alerts: {
        subscriptions: [
          { protocol: 'email', endpoint: 'dba@example.com', filterPolicy },
        ],
      },
    });

    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      FilterPolicy: filterPolicy,
    });
  });
});
