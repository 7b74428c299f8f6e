import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DEPLOYMENT_DIMENSION,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from './constants.js';

interface SentinelDashboardProps {
  readonly verifier: lambda.IFunction;
  readonly recorder: lambda.IFunction;
  readonly deadLetterQueue: sqs.IQueue;
  readonly topic: sns.ITopic;
  readonly deploymentName: string;
  readonly period: Duration;
}

/**
 * One CloudWatch dashboard per deployment: checks, could-not-check,
 * findings by code and run duration from the verifier's EMF metrics,
 * plus alerts published, function errors and the dead-letter queue. Per-target detail lives
 * in the logs and `alembic-sentinel history`, not in metric series.
 */
class SentinelDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: SentinelDashboardProps) {
    super(scope, id);
    const dimensions = {
      [SERVICE_DIMENSION]: SERVICE_NAME,
      [DEPLOYMENT_DIMENSION]: props.deploymentName,
    };
    const sentinelMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: dimensions,
        statistic,
        period: props.period,
      });

    const findingsByCode = new cloudwatch.MathExpression({
      expression:
        `SEARCH('{${METRICS_NAMESPACE},${SERVICE_DIMENSION},` +
        `${DEPLOYMENT_DIMENSION},Code} MetricName="Findings" ` +
        `${DEPLOYMENT_DIMENSION}="${props.deploymentName}"', 'Sum', ` +
        `${props.period.toSeconds()})`,
      label: '',
      period: props.period,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Checks per period',
            left: [
              sentinelMetric('ChecksCompleted', 'Sum'),
              sentinelMetric('CouldNotCheck', 'Sum'),
            ],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Findings by code',
            left: [findingsByCode],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Verifier run duration (ms)',
            left: [
              sentinelMetric('RunDuration', 'Average'),
              sentinelMetric('RunDuration', 'Maximum'),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Function errors',
            left: [
              props.verifier.metricErrors({ period: props.period }),
              props.recorder.metricErrors({ period: props.period }),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Alerts published and dead letters',
            left: [
              props.topic.metricNumberOfMessagesPublished({
                period: props.period,
              }),
              props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                period: props.period,
              }),
            ],
            width: 8,
          }),
        ],
      ],
    });
  }
}

export type { SentinelDashboardProps };
export { SentinelDashboard };
