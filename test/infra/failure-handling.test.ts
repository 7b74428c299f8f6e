import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHECKS_COMPLETED_METRIC,
  DEPLOYMENT_DIMENSION,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
} from '../../lib/index.js';
import { manyTargets, synthSentinel } from './synth.js';

const topicRef = { Ref: Match.stringLikeRegexp('^SentinelAlerts') };

describe('SentinelStack: failure handling', () => {
  let template: ReturnType<typeof synthSentinel>['template'];

  beforeAll(() => {
    ({ template } = synthSentinel());
  });

  it('keeps failed verifier events in the dead-letter queue after one retry', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^SentinelVerifier') },
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 300,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::GetAtt': [
              Match.stringLikeRegexp('^SentinelDeadLetters'),
              'Arn',
            ],
          },
        },
      },
    });
  });

  it('never retries the recorder behind the pipeline’s back', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^SentinelRecorder') },
      MaximumRetryAttempts: 0,
    });
  });

  it('encrypts the dead-letter queue, requires TLS and keeps messages 14 days', () => {
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('creates exactly three alarms, all notifying the alert topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [topicRef],
      OKActions: [topicRef],
    });
  });

  it('alarms on any verifier error and any dead letter', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
  });

  it('alarms when fewer checks than targets complete for 3 periods, or none report', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: CHECKS_COMPLETED_METRIC,
      Dimensions: [
        { Name: DEPLOYMENT_DIMENSION, Value: 'Sentinel' },
        { Name: SERVICE_DIMENSION, Value: 'alembic-sentinel' },
      ],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 2,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
  });

  it('keeps three alarms and one metric series however many targets', () => {
    const { template: large } = synthSentinel({
      targets: manyTargets(300),
      secretNamePrefix: 'prod/',
      deploymentName: 'fleet',
      schedule: { missedPeriodsBeforeAlarm: 6 },
    });

    large.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    large.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: CHECKS_COMPLETED_METRIC,
      Dimensions: Match.arrayWith([
        { Name: DEPLOYMENT_DIMENSION, Value: 'fleet' },
      ]),
      Threshold: 300,
      EvaluationPeriods: 6,
    });
    expect(JSON.stringify(large.toJSON())).not.toContain('"TargetId"');
  });
});
