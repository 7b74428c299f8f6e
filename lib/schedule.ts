import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { groupByRule, type VerifyEvent } from './batches.js';

/**
 * Fires every `rate`, `offsetMinutes` into each period, so that the rules
 * of a large fleet start in different minutes instead of all at once.
 * Rates that do not divide an hour cannot be offset and use `rate()`.
 */
const scheduleAt = (rate: Duration, offsetMinutes: number): events.Schedule => {
  const minutes = rate.toMinutes();
  if (minutes === 60) {
    return events.Schedule.expression(`cron(${offsetMinutes % 60} * * * ? *)`);
  }
  if (minutes === 1 || minutes > 60 || 60 % minutes !== 0) {
    return events.Schedule.rate(rate);
  }
  const offset = offsetMinutes % minutes;
  return events.Schedule.expression(`cron(${offset}/${minutes} * * * ? *)`);
};

/** What the schedule invokes, how often, and where lost events go. */
interface VerifyScheduleProps {
  readonly verifier: lambda.IFunction;
  readonly events: readonly VerifyEvent[];
  readonly rate: Duration;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * EventBridge rules at a fixed rate, five batches per rule (the rule target
 * limit), rule `n` starting `n` minutes into the period. Each batch is its
 * own asynchronous invocation with the targets in the event; events
 * EventBridge cannot deliver go to the dead-letter queue.
 */
class VerifySchedule extends Construct {
  readonly rules: readonly events.Rule[];

  constructor(scope: Construct, id: string, props: VerifyScheduleProps) {
    super(scope, id);

    // Rule targets get a policy-less reference to the queue, so CDK adds no
    // statement per rule; one statement below lists every rule instead.
    // An SQS policy holds at most 20 statements and 10 conditions.
    const deadLetterQueue = sqs.Queue.fromQueueArn(
      this,
      'DeadLetterQueue',
      props.deadLetterQueue.queueArn
    );

    const groups = groupByRule(props.events);
    this.rules = groups.map(
      (group, index) =>
        new events.Rule(this, `Rule${index + 1}`, {
          description: `alembic-sentinel verify rule ${index + 1} of ${groups.length}`,
          schedule: scheduleAt(props.rate, index),
          targets: group.map(
            (batch) =>
              new targets.LambdaFunction(props.verifier, {
                event: events.RuleTargetInput.fromObject(batch),
                deadLetterQueue,
                retryAttempts: 2,
                maxEventAge: props.rate,
              })
          ),
        })
    );

    props.deadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ScheduleRulesSendDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [props.deadLetterQueue.queueArn],
        conditions: {
          ArnEquals: {
            'aws:SourceArn': this.rules.map((rule) => rule.ruleArn),
          },
        },
      })
    );
  }
}

export type { VerifyScheduleProps };
export { VerifySchedule };
