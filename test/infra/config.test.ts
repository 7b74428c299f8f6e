import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../lambdas/core/errors.js';
import { loadSentinelConfig, parseSentinelConfig } from '../../lib/index.js';

const EXAMPLE = fileURLToPath(
  new URL('../../sentinel.config.example.json', import.meta.url)
);

const target = { id: 'orders', secretId: 'prod/orders' };

const problemsOf = (raw: unknown): string => {
  try {
    parseSentinelConfig(raw, 'sentinel.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

const writeTemp = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'sentinel-config-')), name);
  writeFileSync(path, text);
  return path;
};

describe('Function: parseSentinelConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseSentinelConfig({ targets: [target] }, 'test');

    expect(config.stackName).toBe('AlembicSentinel');
    expect(config.schedule).toEqual({
      rateMinutes: 5,
      maxTargetsPerBatch: 25,
      missedPeriodsBeforeAlarm: 3,
    });
    expect(config.secretCacheTtlSeconds).toBe(43_200);
    expect(config.alerts.subscriptions).toEqual([]);
    expect(config.targets[0]).toMatchObject({
      schema: 'public',
      versionTable: 'alembic_version',
      tls: 'verify-full',
    });
  });

  it('accepts the example config file', () => {
    const config = loadSentinelConfig(EXAMPLE);

    expect(config.targets.length).toBeGreaterThan(0);
  });

  it('names the target field and the allowed values for a bad tls mode', () => {
    const message = problemsOf({
      targets: [target, { id: 'b', secretId: 's', tls: 'prefer' }],
    });

    expect(message).toContain('targets[1].tls');
    expect(message).toContain('"verify-full", "require", "disable"');
  });

  it('names an unknown field and says to fix the spelling', () => {
    const message = problemsOf({ targets: [target], schedul: {} });

    expect(message).toContain('"schedul"');
    expect(message).toContain('check the spelling');
  });

  it('names the object that holds a misspelled nested field', () => {
    const message = problemsOf({ targets: [target], schedule: { rate: 5 } });

    expect(message).toContain('unknown field in schedule "rate"');
  });

  it('rejects duplicate target ids, naming both positions', () => {
    const message = problemsOf({ targets: [target, target] });

    expect(message).toContain('targets[1].id');
    expect(message).toContain('targets[0]');
  });

  it('rejects an empty target list', () => {
    expect(problemsOf({ targets: [] })).toContain(
      'targets: targets must list at least one target'
    );
  });

  it('rejects a secret ARN of another service', () => {
    const message = problemsOf({
      targets: [{ id: 'a', secretId: 'arn:aws:ssm:eu-west-1:1:parameter/x' }],
    });

    expect(message).toContain('targets[0].secretId');
  });

  it('rejects an alarm window longer than CloudWatch allows', () => {
    const message = problemsOf({
      targets: [target],
      schedule: { rateMinutes: 60, missedPeriodsBeforeAlarm: 30 },
    });

    expect(message).toContain('schedule.missedPeriodsBeforeAlarm');
    expect(message).toContain('1440');
  });

  it('rejects a plain-http subscription and an unknown protocol', () => {
    const message = problemsOf({
      targets: [target],
      alerts: {
        subscriptions: [
          { protocol: 'https', endpoint: 'http://hooks.example.com' },
          { protocol: 'sms', endpoint: '+15550100' },
        ],
      },
    });

    expect(message).toContain('alerts.subscriptions[0].endpoint');
    expect(message).toContain('https://');
    expect(message).toContain('alerts.subscriptions[1]');
    expect(message).toContain('"email", "https", "sqs", "lambda"');
  });

  it('rejects a filter policy on an attribute alerts do not carry', () => {
    const message = problemsOf({
      targets: [target],
      alerts: {
        subscriptions: [
          {
            protocol: 'email',
            endpoint: 'ops@example.com',
            filterPolicy: { priority: ['P1'] },
          },
        ],
      },
    });

    expect(message).toContain('alerts.subscriptions[0].filterPolicy.priority');
    expect(message).toContain('"severity"');
  });

  it('lists every problem at once', () => {
    const message = problemsOf({
      targets: [{ id: '', secretId: '' }],
      schedule: { rateMinutes: 0 },
    });

    expect(message).toContain('targets[0].id');
    expect(message).toContain('targets[0].secretId');
    expect(message).toContain(
      'schedule.rateMinutes: rateMinutes must be at least 1'
    );
  });
});

describe('Function: loadSentinelConfig', () => {
  it('says how to create a missing config file', () => {
    expect(() => loadSentinelConfig('/nonexistent/sentinel.json')).toThrow(
      /copy sentinel\.config\.example\.json .*-c config=PATH/
    );
  });

  it('names the file that is not valid JSON', () => {
    const path = writeTemp('broken.json', '{ "targets": [ }');

    expect(() => loadSentinelConfig(path)).toThrow(
      new RegExp(`${path} is not valid JSON`)
    );
  });
});
