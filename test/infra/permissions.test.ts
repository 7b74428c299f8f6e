import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  allowing,
  allStatements,
  roleStatements,
  type Statement,
} from './policies.js';
import { SECRET_ARN, synthSentinel } from './synth.js';

const leadingKeys = (statement: Statement): unknown =>
  statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
];

describe('SentinelStack: least privilege', () => {
  let template: ReturnType<typeof synthSentinel>['template'];
  let verifier: Statement[];
  let recorder: Statement[];

  beforeAll(() => {
    ({ template } = synthSentinel({
      pipelinePrincipalArn: 'arn:aws:iam::111122223333:role/deploy',
    }));
    verifier = roleStatements(template, 'SentinelVerifierRole');
    recorder = roleStatements(template, 'SentinelRecorderRole');
  });

  it('lets the verifier write only ALERT# and AUDIT# partitions', () => {
    const writes = verifier.filter((statement) =>
      actionsOf(statement).some((action) => WRITE_ACTIONS.includes(action))
    );

    expect(writes).toHaveLength(1);
    expect(actionsOf(writes[0] as Statement).sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(leadingKeys(writes[0] as Statement)).toEqual(['ALERT#*', 'AUDIT#*']);
    expect(writes[0]?.Condition?.Null).toEqual({
      'dynamodb:LeadingKeys': 'false',
    });
  });

  it('gives the verifier no way to write an attestation', () => {
    const writes = verifier.filter((statement) =>
      actionsOf(statement).some(
        (action) => WRITE_ACTIONS.includes(action) || action.includes('*')
      )
    );

    for (const statement of writes) {
      if (actionsOf(statement).every((action) => action.startsWith('ec2:')))
        continue;
      expect(JSON.stringify(leadingKeys(statement))).not.toContain(
        'ATTESTATION#'
      );
      expect(leadingKeys(statement)).toBeDefined();
    }
  });

  it('lets the recorder only put ATTESTATION#, MANIFEST#, SCHEMA# and WINDOW# items', () => {
    const writes = recorder.filter((statement) =>
      actionsOf(statement).some((action) => WRITE_ACTIONS.includes(action))
    );

    expect(writes).toHaveLength(1);
    expect(writes[0]?.Action).toBe('dynamodb:PutItem');
    expect(leadingKeys(writes[0] as Statement)).toEqual([
      'ATTESTATION#*',
      'MANIFEST#*',
      'SCHEMA#*',
      'WINDOW#*',
    ]);
  });

  it('grants no delete, scan or wildcard DynamoDB action to anyone', () => {
    const actions = allStatements(template)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap(actionsOf);

    const forbidden = [
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:Scan',
      'dynamodb:DeleteTable',
    ];
    expect(actions.filter((action) => forbidden.includes(action))).toEqual([]);
    expect(
      actions.filter((action) => /^(dynamodb|sqs|sns):/.test(action))
    ).not.toContainEqual(expect.stringContaining('*'));
  });

  it('lets each function read exactly the configured secrets', () => {
    for (const statements of [verifier, recorder]) {
      const reads = allowing(statements, 'secretsmanager:GetSecretValue');

      expect(reads).toHaveLength(1);
      const resources = reads[0]?.Resource as unknown[];
      expect(resources).toHaveLength(2);
      expect(resources).toContain(SECRET_ARN);
      expect(JSON.stringify(resources)).toContain(':secret:prod/orders-??????');
    }
  });

  it('lets only the verifier publish, and only to the alert topic', () => {
    expect(allowing(recorder, 'sns:Publish')).toEqual([]);
    expect(allowing(verifier, 'sns:Publish')).toEqual([
      expect.objectContaining({
        Resource: { Ref: expect.stringMatching(/^SentinelAlerts/) },
      }),
    ]);
  });

  it('gives the pipeline principal only lambda:InvokeFunction on the recorder', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Permission',
      { Principal: 'arn:aws:iam::111122223333:role/deploy' },
      1
    );
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'arn:aws:iam::111122223333:role/deploy',
      FunctionName: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^SentinelRecorder'), 'Arn'],
      },
    });
  });

  it('grantRecord gives a role in the app only lambda:InvokeFunction', () => {
    const { template: withPipeline } = synthSentinel(
      {},
      {
        customize: (stack) => {
          const pipeline = new iam.Role(stack, 'Pipeline', {
            assumedBy: new iam.AccountRootPrincipal(),
          });
          stack.sentinel.grantRecord(pipeline);
        },
      }
    );

    const statements = roleStatements(withPipeline, 'Pipeline');
    expect(statements.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
  });

  it('scopes secret decryption to Secrets Manager when keys are given', () => {
    const keyArn =
      'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { template: withKey } = synthSentinel({ secretKmsKeyArns: [keyArn] });

    const decrypts = allowing(
      roleStatements(withKey, 'SentinelVerifierRole'),
      'kms:Decrypt'
    );
    expect(decrypts).toEqual([
      expect.objectContaining({
        Resource: keyArn,
        Condition: {
          StringEquals: {
            'kms:ViaService': {
              'Fn::Join': [
                '',
                ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com'],
              ],
            },
          },
        },
      }),
    ]);
  });
});
