import { beforeAll, describe, it } from 'vitest';
import { synthSentinel } from './synth.js';

describe('SentinelStack: attestation table', () => {
  let template: ReturnType<typeof synthSentinel>['template'];

  beforeAll(() => {
    ({ template } = synthSentinel());
  });

  it('creates one on-demand table keyed pk/sk with TTL on expiresAt', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: {
        AttributeName: 'expiresAt',
        Enabled: true,
      },
    });
  });

  it('enables point-in-time recovery, deletion protection and KMS encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      // SSEEnabled without a key id: KMS with the AWS managed key.
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('retains the table and the log groups when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.allResources('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
    });
  });
});
