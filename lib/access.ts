import { Aws } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';

/** ENI actions Lambda needs on the execution role of a function in a VPC. */
const ENI_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/** Lets the role read any item: GetItem and Query only, no Scan. */
const allowTableRead = (role: iam.IRole, table: dynamodb.ITable): void => {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadStore',
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [table.tableArn],
    })
  );
};

/**
 * Lets the role write only items whose partition key starts with one of
 * `prefixes`. `ForAllValues` passes on an empty key set, so a `Null` check
 * also requires the key to be present.
 */
const allowPrefixedWrites = (
  role: iam.IRole,
  table: dynamodb.ITable,
  actions: readonly string[],
  prefixes: readonly string[]
): void => {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteOwnItems',
      actions: actions.map((action) => `dynamodb:${action}`),
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`),
        },
        Null: { 'dynamodb:LeadingKeys': 'false' },
      },
    })
  );
};

/**
 * Lets the role publish to the topic and, when the topic has a customer
 * key, use that key for exactly what publishing needs (no wildcards).
 */
const allowPublish = (role: iam.IRole, topic: sns.ITopic): void => {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'PublishAlerts',
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
    })
  );
  if (!topic.masterKey) return;

  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'EncryptAlerts',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [topic.masterKey.keyArn],
    })
  );
};

/**
 * Gives Lambda the ENI permissions a VPC function needs, and denies the
 * same actions to the function code itself: requests made from inside a
 * function carry `lambda:SourceFunctionArn`, Lambda's own ENI calls do not.
 */
const allowVpcNetworking = (role: iam.IRole): void => {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'LambdaManagesEnis',
      actions: ENI_ACTIONS,
      resources: ['*'],
    })
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'FunctionCodeCannotUseEnis',
      effect: iam.Effect.DENY,
      actions: ENI_ACTIONS,
      resources: ['*'],
      conditions: {
        ArnLike: {
          'lambda:SourceFunctionArn': `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:*`,
        },
      },
    })
  );
};

export {
  allowPrefixedWrites,
  allowPublish,
  allowTableRead,
  allowVpcNetworking,
};
