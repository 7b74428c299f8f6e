import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { parseSentinelConfig } from '../../lib/index.js';
import { actionsOf, roleStatements } from './policies.js';
import { BASE_CONFIG, synthSentinel } from './synth.js';

const RECORD_ROLE = 'arn:aws:iam::111122223333:role/deploy';
const VERIFY_ROLE = 'arn:aws:iam::111122223333:role/deploy-gate';

const functionRef = (prefix: string, attribute?: 'Arn') =>
  attribute === undefined
    ? { Ref: Match.stringLikeRegexp(`^${prefix}`) }
    : { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${prefix}`), attribute] };

describe('SentinelStack: what a pipeline can find and invoke', () => {
  it('outputs both function names and ARNs for describe-stacks', () => {
    const { template } = synthSentinel();

    template.hasOutput('RecorderFunctionName', {
      Value: functionRef('SentinelRecorder'),
    });
    template.hasOutput('RecorderFunctionArn', {
      Value: functionRef('SentinelRecorder', 'Arn'),
    });
    template.hasOutput('VerifierFunctionName', {
      Value: functionRef('SentinelVerifier'),
    });
    template.hasOutput('VerifierFunctionArn', {
      Value: functionRef('SentinelVerifier', 'Arn'),
    });
  });

  it('lets pipelineVerifyPrincipalArn invoke only the verifier', () => {
    const { template } = synthSentinel({
      pipelineVerifyPrincipalArn: VERIFY_ROLE,
    });

    const permissions = template.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: VERIFY_ROLE },
    });
    expect(Object.values(permissions)).toEqual([
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          Principal: VERIFY_ROLE,
          FunctionName: {
            'Fn::GetAtt': [expect.stringMatching(/^SentinelVerifier/), 'Arn'],
          },
        },
      },
    ]);
  });

  it('grants the verifier to nobody unless asked', () => {
    const { template } = synthSentinel({ pipelinePrincipalArn: RECORD_ROLE });

    const permissions = template.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: RECORD_ROLE },
    });
    const functions = Object.values(permissions).map(
      (permission) => permission.Properties.FunctionName['Fn::GetAtt'][0]
    );
    expect(functions).toEqual([expect.stringMatching(/^SentinelRecorder/)]);
  });

  it('grantVerify gives a role in the app only lambda:InvokeFunction on the verifier', () => {
    const { template } = synthSentinel(
      {},
      {
        customize: (stack) => {
          const gate = new iam.Role(stack, 'Gate', {
            assumedBy: new iam.AccountRootPrincipal(),
          });
          stack.sentinel.grantVerify(gate);
        },
      }
    );

    const statements = roleStatements(template, 'Gate');
    expect(statements.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements)).toMatch(/SentinelVerifier/);
    expect(JSON.stringify(statements)).not.toMatch(/SentinelRecorder/);
  });

  it('names pipelineVerifyPrincipalArn when it is not a role or user ARN', () => {
    expect(() =>
      parseSentinelConfig(
        { ...BASE_CONFIG, pipelineVerifyPrincipalArn: 'deploy-gate' },
        'sentinel.config.json'
      )
    ).toThrow(/pipelineVerifyPrincipalArn must be an IAM role or user ARN/);
  });

  it('reports no cdk-nag finding with both pipeline grants', () => {
    const { app } = synthSentinel({
      pipelinePrincipalArn: RECORD_ROLE,
      pipelineVerifyPrincipalArn: VERIFY_ROLE,
    });

    const { violations } = new AwsSolutionsChecks(app).validateScope(app);

    expect(violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
