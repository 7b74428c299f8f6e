import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SentinelEnv } from '../../lib/index.js';
import { NETWORK, synthSentinel } from './synth.js';

const fn = (prefix: string) => ({
  Role: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${prefix}Role`), 'Arn'] },
});

describe('SentinelStack: functions', () => {
  it('runs both functions on Node.js 22, ARM64, 256 MB, 30 s', () => {
    const { template } = synthSentinel();

    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 30,
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
  });

  it('reserves no concurrency when concurrency.reserve is false', () => {
    const { template } = synthSentinel({ concurrency: { reserve: false } });

    template.allResourcesProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: Match.absent(),
    });
  });

  it('keeps INFO logs by default and only problems when logLevel is WARN', () => {
    const { template } = synthSentinel({ logLevel: 'WARN' });

    template.allResourcesProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectLike({
        ApplicationLogLevel: 'WARN',
        SystemLogLevel: 'WARN',
      }),
    });
  });

  it('reserves concurrency to bound database connections', () => {
    const { template } = synthSentinel();

    template.hasResourceProperties('AWS::Lambda::Function', {
      ...fn('SentinelVerifier'),
      ReservedConcurrentExecutions: 5,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ...fn('SentinelRecorder'),
      ReservedConcurrentExecutions: 2,
    });
  });

  it('gives the verifier its table, topic, secret TTL and deployment', () => {
    const { template } = synthSentinel({ secretCacheTtlSeconds: 7200 });

    template.hasResourceProperties('AWS::Lambda::Function', {
      ...fn('SentinelVerifier'),
      Environment: {
        Variables: Match.objectLike({
          [SentinelEnv.tableName]: {
            Ref: Match.stringLikeRegexp('^SentinelStore'),
          },
          [SentinelEnv.topicArn]: {
            Ref: Match.stringLikeRegexp('^SentinelAlerts'),
          },
          [SentinelEnv.secretTtlSeconds]: '7200',
          [SentinelEnv.deployment]: 'Sentinel',
          NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
          POWERTOOLS_SERVICE_NAME: 'alembic-sentinel',
          POWERTOOLS_METRICS_NAMESPACE: 'AlembicSentinel',
        }),
      },
    });
  });

  it('gives the recorder its table but not the topic', () => {
    const { template } = synthSentinel();
    const recorder = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: fn('SentinelRecorder'),
      })
    )[0];

    const variables = recorder?.Properties.Environment.Variables;
    expect(variables[SentinelEnv.tableName]).toBeDefined();
    expect(variables[SentinelEnv.topicArn]).toBeUndefined();
    expect(variables.NODE_EXTRA_CA_CERTS).toBe('/var/runtime/ca-cert.pem');
  });

  it('runs outside any VPC when no network is configured', () => {
    const { template } = synthSentinel();

    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.allResourcesProperties('AWS::Lambda::Function', {
      VpcConfig: Match.absent(),
    });
  });

  it('places both functions in the configured private subnets', () => {
    const { template } = synthSentinel({ network: NETWORK });

    template.allResourcesProperties('AWS::Lambda::Function', {
      VpcConfig: {
        SubnetIds: NETWORK.subnetIds,
        SecurityGroupIds: [
          {
            'Fn::GetAtt': [
              Match.stringLikeRegexp('^SentinelFunctionsSecurityGroup'),
              'GroupId',
            ],
          },
        ],
      },
    });
  });

  it('opens egress only to HTTPS and the targets’ database ports', () => {
    const { template } = synthSentinel({ network: NETWORK });

    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    const group = Object.values(
      template.findResources('AWS::EC2::SecurityGroup')
    )[0];
    const ports = group?.Properties.SecurityGroupEgress.map(
      (rule: { FromPort: number }) => rule.FromPort
    );
    expect(ports.sort()).toEqual([443, 5432, 6432]);
    expect(group?.Properties.SecurityGroupIngress).toBeUndefined();
  });

  it('uses the configured security groups instead of creating one', () => {
    const { template } = synthSentinel({
      network: { ...NETWORK, securityGroupIds: ['sg-0123456789abcdef0'] },
    });

    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.allResourcesProperties('AWS::Lambda::Function', {
      VpcConfig: Match.objectLike({
        SecurityGroupIds: ['sg-0123456789abcdef0'],
      }),
    });
  });

  it('bundles the handler with the local esbuild into an ESM file', () => {
    const { app } = synthSentinel({}, { bundle: true });
    const assembly = app.synth();

    const assets = readdirSync(assembly.directory).filter((name) =>
      name.startsWith('asset.')
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(readdirSync(join(assembly.directory, asset))).toContain(
        'index.mjs'
      );
    }
  });

  it('compiles the deployed targets into each bundle, not the environment', () => {
    const { app, template } = synthSentinel({}, { bundle: true });
    const assembly = app.synth();

    const bundles = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((asset) =>
        readFileSync(join(assembly.directory, asset, 'index.mjs'), 'utf8')
      );
    // Both functions share the fixture handler, hence one asset.
    expect(bundles.length).toBeGreaterThan(0);
    for (const bundle of bundles) {
      expect(bundle).toContain('"secretId":"prod/orders"');
      expect(bundle).not.toContain('process.env.SENTINEL_TARGETS_JSON');
    }
    expect(JSON.stringify(template.toJSON())).not.toContain(
      'SENTINEL_TARGETS_JSON'
    );
  });
});
