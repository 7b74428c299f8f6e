import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  CHECKS_COMPLETED_METRIC,
  DEPLOYMENT_DIMENSION,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from './constants.js';

/** What the deployment's three alarms watch. */
interface SentinelAlarmsProps {
  readonly verifier: lambda.IFunction;
  readonly deadLetterQueue: sqs.IQueue;
  readonly topic: sns.ITopic;
  readonly deploymentName: string;
  /** Checks one schedule period must complete: the number of targets. */
  readonly expectedChecksPerPeriod: number;
  readonly period: Duration;
  readonly missedPeriodsBeforeAlarm: number;
}

/**
 * Three alarms per deployment, none per target: the verifier failed, the
 * dead-letter queue holds a lost event, and fewer checks completed than
 * there are targets for several periods in a row (the dead man's switch).
 * Missing data counts as breaching for the last one, so a deleted,
 * disabled or throttled-to-death verifier alarms too.
 */
class SentinelAlarms extends Construct {
  readonly verifierErrors: cloudwatch.Alarm;
  readonly deadLetters: cloudwatch.Alarm;
  readonly checksMissing: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SentinelAlarmsProps) {
    super(scope, id);

    this.verifierErrors = new cloudwatch.Alarm(this, 'VerifierErrors', {
      alarmDescription:
        'alembic-sentinel: the verifier failed or timed out; check its logs',
      metric: props.verifier.metricErrors({ period: props.period }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator:
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription:
        'alembic-sentinel: an invocation was dropped after its retries; ' +
        'the dead-letter queue keeps the event',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator:
        cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.checksMissing = new cloudwatch.Alarm(this, 'ChecksMissing', {
      alarmDescription:
        `alembic-sentinel: fewer than ${props.expectedChecksPerPeriod} ` +
        `checks completed in each of ${props.missedPeriodsBeforeAlarm} ` +
        'periods; targets are going unverified',
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: CHECKS_COMPLETED_METRIC,
        dimensionsMap: {
          [SERVICE_DIMENSION]: SERVICE_NAME,
          [DEPLOYMENT_DIMENSION]: props.deploymentName,
        },
        statistic: cloudwatch.Stats.SUM,
        period: props.period,
      }),
      threshold: props.expectedChecksPerPeriod,
      evaluationPeriods: props.missedPeriodsBeforeAlarm,
      datapointsToAlarm: props.missedPeriodsBeforeAlarm,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    const action = new SnsAction(props.topic);
    for (const alarm of [
      this.verifierErrors,
      this.deadLetters,
      this.checksMissing,
    ]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}

export type { SentinelAlarmsProps };
export { SentinelAlarms };
