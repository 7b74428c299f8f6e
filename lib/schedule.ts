import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { groupByRule, type VerifyEvent } from './batches.js';

/** What the schedule invokes, how often, and where lost events go. */
interface VerifyScheduleProps {
  readonly verifier: lambda.IFunction;
  readonly events: readonly VerifyEvent[];
  readonly rate: Duration;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * EventBridge rules at a fixed rate, five batches per rule (the rule target
 * limit). Each batch is its own asynchronous invocation with the targets in
 * the event; events EventBridge cannot deliver go to the dead-letter queue.
 */
class VerifySchedule extends Construct {
  readonly rules: readonly events.Rule[];

  constructor(scope: Construct, id: string, props: VerifyScheduleProps) {
    super(scope, id);

    const groups = groupByRule(props.events);
    this.rules = groups.map((group, index) => {
      return new events.Rule(this, `Rule${index + 1}`, {
        description: `alembic-sentinel verify rule ${index + 1} of ${groups.length}`,
        schedule: events.Schedule.rate(props.rate),
        targets: group.map(
          (batch) =>
            new targets.LambdaFunction(props.verifier, {
              event: events.RuleTargetInput.fromObject(batch),
              deadLetterQueue: props.deadLetterQueue,
              retryAttempts: 2,
              maxEventAge: props.rate,
            })
        ),
      });
    });
  }
}

export type { VerifyScheduleProps };
export { VerifySchedule };
