import { ArnFormat, Aws, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { ConfigurationError } from '../lambdas/core/errors.js';
import type { Target } from '../lambdas/core/target.js';

/** Secrets Manager appends a dash and six characters to every secret ARN. */
const COMPLETE_SECRET_ARN = /-[A-Za-z0-9]{6}$/;

/**
 * Characters of listed secret ARNs one role policy may spend. A role's
 * inline policies hold 10,240 characters and the rest of the verifier's
 * policy takes about 2,000; a longer list fails at deploy, not at synth.
 */
const LISTED_SECRETS_BUDGET_CHARS = 7_500;

/** Length of a resolved secret ARN before its name, in a long region. */
const ARN_OVERHEAD_CHARS =
  'arn:aws:secretsmanager:ap-southeast-2:111122223333:secret:'.length;

const secretName = (secretId: string): string =>
  secretId.startsWith('arn:')
    ? secretId.split(':').slice(6).join(':')
    : secretId;

const secretArn = (scope: IConstruct, resourceName: string): string =>
  Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/**
 * The IAM resource for a secret given by name, partial ARN or complete
 * ARN. Names match any six-character suffix (`-??????`), never more.
 */
const secretResourceArn = (scope: IConstruct, secretId: string): string => {
  if (secretId.startsWith('arn:')) {
    return COMPLETE_SECRET_ARN.test(secretId) ? secretId : `${secretId}-??????`;
  }
  return secretArn(scope, `${secretId}-??????`);
};

const listedSecrets = (scope: IConstruct, targets: readonly Target[]) => {
  const secretIds = [...new Set(targets.map((target) => target.secretId))];
  const chars = secretIds.reduce(
    (sum, id) => sum + secretName(id).length + ARN_OVERHEAD_CHARS + 10,
    0
  );
  if (chars > LISTED_SECRETS_BUDGET_CHARS) {
    throw new ConfigurationError(
      `${secretIds.length} distinct secrets need about ${chars} characters ` +
        `of IAM policy per function, more than the ${LISTED_SECRETS_BUDGET_CHARS} ` +
        'that fit; store the secrets under one name prefix and set ' +
        'secretNamePrefix'
    );
  }
  return secretIds.map((id) => secretResourceArn(scope, id));
};

const prefixedSecrets = (
  scope: IConstruct,
  targets: readonly Target[],
  prefix: string
) => {
  if (prefix.length === 0 || /[*?]/.test(prefix)) {
    throw new ConfigurationError(
      `secretNamePrefix "${prefix}" must be a non-empty name prefix without ` +
        'wildcards, such as "alembic-sentinel/"'
    );
  }
  const outside = targets.filter(
    (target) => !secretName(target.secretId).startsWith(prefix)
  );
  if (outside[0] !== undefined) {
    throw new ConfigurationError(
      `target "${outside[0].id}" uses secret "${outside[0].secretId}", which ` +
        `is not under secretNamePrefix "${prefix}"; move the secret or ` +
        'change the prefix'
    );
  }
  return [secretArn(scope, `${prefix}*`)];
};

/**
 * The secret ARNs the functions may read: each target's secret, or every
 * secret under `namePrefix` when one is given (constant policy size).
 */
const targetSecretResources = (
  scope: IConstruct,
  targets: readonly Target[],
  namePrefix: string | undefined
): string[] =>
  namePrefix === undefined
    ? listedSecrets(scope, targets)
    : prefixedSecrets(scope, targets, namePrefix);

/** How cdk-nag prints a resource: intrinsics flattened to `<Name>`. */
const nagResourceId = (scope: IConstruct, arn: string): string => {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node;
    const value = node as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
    if (value.Ref !== undefined) return `<${value.Ref}>`;
    const join = value['Fn::Join'];
    return join ? join[1].map(flatten).join(join[0]) : JSON.stringify(node);
  };
  return `Resource::${flatten(Stack.of(scope).resolve(arn))}`;
};

/** Lets the role read the given secrets and decrypt them. */
const allowSecretRead = (
  role: iam.IRole,
  resources: readonly string[],
  secretKeyArns: readonly string[]
): void => {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadTargetSecrets',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [...resources],
    })
  );
  for (const resource of resources.filter((arn) => arn.endsWith('*'))) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[${nagResourceId(role, resource)}]`,
      reason:
        'secretNamePrefix was set: the functions read every secret under ' +
        'that prefix, which keeps the policy size constant for large fleets.',
    });
  }
  if (secretKeyArns.length === 0) return;

  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DecryptTargetSecrets',
      actions: ['kms:Decrypt'],
      resources: [...secretKeyArns],
      conditions: {
        StringEquals: {
          'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
        },
      },
    })
  );
};

export { allowSecretRead, targetSecretResources };
