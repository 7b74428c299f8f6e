import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../lambdas/core/errors.js';
import { allowing, roleStatements } from './policies.js';
import { manyTargets, synthSentinel } from './synth.js';

describe('SentinelStack: secret access at scale', () => {
  it('grants every secret under secretNamePrefix with one resource', () => {
    const { template } = synthSentinel({
      targets: manyTargets(200),
      secretNamePrefix: 'prod/',
    });

    for (const role of ['SentinelVerifierRole', 'SentinelRecorderRole']) {
      const reads = allowing(
        roleStatements(template, role),
        'secretsmanager:GetSecretValue'
      );
      expect(reads).toHaveLength(1);
      expect(JSON.stringify(reads[0]?.Resource)).toContain(':secret:prod/*');
    }
  });

  it('rejects a target whose secret is not under secretNamePrefix', () => {
    expect(() =>
      synthSentinel({
        targets: [{ id: 'legacy', secretId: 'legacy/db' }],
        secretNamePrefix: 'prod/',
      })
    ).toThrow(/target "legacy" uses secret "legacy\/db".*secretNamePrefix/);
  });

  it('fails at synth, naming secretNamePrefix, when listed secrets outgrow a policy', () => {
    const synth = () => synthSentinel({ targets: manyTargets(300) });

    expect(synth).toThrow(ConfigurationError);
    expect(synth).toThrow(/300 distinct secrets .* set secretNamePrefix/);
  });

  it('lists secrets shared by several targets once', () => {
    const targets = manyTargets(120).map((target) => ({
      ...target,
      secretId: 'prod/shared-cluster',
    }));
    const { template } = synthSentinel({ targets });

    const reads = allowing(
      roleStatements(template, 'SentinelVerifierRole'),
      'secretsmanager:GetSecretValue'
    );
    expect(JSON.stringify(reads[0]?.Resource)).toContain(
      ':secret:prod/shared-cluster-??????'
    );
  });
});
