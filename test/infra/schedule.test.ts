import { describe, expect, it } from 'vitest';
import { MAX_EVENT_INPUT_BYTES } from '../../lib/index.js';
import { manyTargets, synthSentinel } from './synth.js';

interface RuleTarget {
  readonly Input: string;
  readonly DeadLetterConfig?: unknown;
  readonly RetryPolicy?: unknown;
}

const ruleTargets = (
  template: ReturnType<typeof synthSentinel>['template']
): RuleTarget[] =>
  Object.values(template.findResources('AWS::Events::Rule')).flatMap(
    (rule) => rule.Properties.Targets
  );

describe('SentinelStack: verify schedule', () => {
  it('runs every 5 minutes by default', () => {
    const { template } = synthSentinel();

    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0/5 * * * ? *)',
      State: 'ENABLED',
    });
  });

  it('uses the configured rate', () => {
    const { template } = synthSentinel({ schedule: { rateMinutes: 15 } });

    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0/15 * * * ? *)',
    });
  });

  it('starts each rule in its own minute of the period', () => {
    const { template } = synthSentinel({
      targets: manyTargets(400),
      secretNamePrefix: 'prod/',
      schedule: { rateMinutes: 3 },
    });

    const expressions = Object.values(
      template.findResources('AWS::Events::Rule')
    ).map((rule) => rule.Properties.ScheduleExpression);
    expect(expressions).toEqual([
      'cron(0/3 * * * ? *)',
      'cron(1/3 * * * ? *)',
      'cron(2/3 * * * ? *)',
      'cron(0/3 * * * ? *)',
    ]);
  });

  it('falls back to rate() when the rate does not divide an hour', () => {
    const { template } = synthSentinel({ schedule: { rateMinutes: 7 } });

    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(7 minutes)',
    });
  });

  it('puts the targets in the event, each exactly once', () => {
    const { template } = synthSentinel({ targets: manyTargets(60) });

    const ids = ruleTargets(template).flatMap(
      (target) =>
        (JSON.parse(target.Input) as { targets: { id: string }[] }).targets
    );
    expect(ids.map((target) => target.id)).toEqual(
      manyTargets(60).map((target) => target.id)
    );
  });

  it('splits 130 targets into 6 batches on 2 rules', () => {
    const { template } = synthSentinel({
      targets: manyTargets(130),
      secretNamePrefix: 'prod/',
    });

    template.resourceCountIs('AWS::Events::Rule', 2);
    const targets = ruleTargets(template);
    expect(targets).toHaveLength(6);
    for (const target of targets) {
      expect(Buffer.byteLength(target.Input)).toBeLessThanOrEqual(
        MAX_EVENT_INPUT_BYTES
      );
    }
  });

  it('sends undeliverable events to the dead-letter queue with bounded retries', () => {
    const { template } = synthSentinel();

    for (const target of ruleTargets(template)) {
      expect(target.DeadLetterConfig).toEqual({
        Arn: {
          'Fn::GetAtt': [expect.stringMatching(/^SentinelDeadLetters/), 'Arn'],
        },
      });
      expect(target.RetryPolicy).toEqual({
        MaximumEventAgeInSeconds: 300,
        MaximumRetryAttempts: 2,
      });
    }
  });
});

describe('SentinelStack: dead-letter queue policy', () => {
  it('lets every rule send dead letters through one statement', () => {
    const { template } = synthSentinel({
      targets: manyTargets(300),
      secretNamePrefix: 'prod/',
    });

    template.resourceCountIs('AWS::Events::Rule', 3);
    const policies = Object.values(
      template.findResources('AWS::SQS::QueuePolicy')
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]?.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    const fromRules = statements.find(
      (statement: { Sid?: string }) =>
        statement.Sid === 'ScheduleRulesSendDeadLetters'
    );
    expect(fromRules.Condition.ArnEquals['aws:SourceArn']).toHaveLength(3);
  });
});
