import type { Template } from 'aws-cdk-lib/assertions';

/** One IAM statement as it appears in the template. */
interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** Logical id of the one role whose id starts with `prefix`. */
const roleId = (template: Template, prefix: string): string => {
  const ids = Object.keys(template.findResources('AWS::IAM::Role')).filter(
    (id) => id.startsWith(prefix)
  );
  if (ids.length !== 1 || ids[0] === undefined) {
    throw new Error(`expected one role ${prefix}*, found ${ids.join(', ')}`);
  }
  return ids[0];
};

/** Every statement of every identity policy attached to the role. */
const roleStatements = (template: Template, prefix: string): Statement[] => {
  const id = roleId(template, prefix);
  const policies = [
    ...Object.values(template.findResources('AWS::IAM::Policy')),
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
  ];
  return policies
    .filter((policy) =>
      JSON.stringify(policy.Properties.Roles ?? []).includes(`"${id}"`)
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
};

/** Every statement of every IAM policy in the template. */
const allStatements = (template: Template): Statement[] =>
  ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].flatMap((type) =>
    Object.values(template.findResources(type)).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement
    )
  );

/** Allow statements that grant `action`. */
const allowing = (statements: Statement[], action: string): Statement[] =>
  statements.filter(
    (statement) =>
      statement.Effect === 'Allow' && actionsOf(statement).includes(action)
  );

export type { Statement };
export { actionsOf, allowing, allStatements, roleStatements };
