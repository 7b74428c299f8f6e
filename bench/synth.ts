/**
 * Synth time and template size for fleets of targets.
 * Run: npx tsx bench/synth.ts [counts...]   (default 1 50 500)
 * Offline: no AWS call; esbuild bundles the real handlers once per synth.
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseSentinelConfig, SentinelStack } from '../lib/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = join(ROOT, 'test', 'infra', 'fixtures', 'handler.ts');
const entryOr = (path: string) => (existsSync(path) ? path : FIXTURE);

const targets = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const name = `db-${String(index).padStart(4, '0')}`;
    return {
      id: name,
      secretId:
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:' +
        `prod/${name}/alembic-AbCdEf`,
      database: 'app',
    };
  });

interface Resource {
  readonly Type: string;
  readonly Properties: {
    readonly Roles?: unknown;
    readonly PolicyDocument?: unknown;
    readonly Targets?: readonly { readonly Input: string }[];
  };
}

interface Template {
  readonly Resources: Record<string, Resource>;
}

const policyChars = (template: Template, rolePrefix: string) =>
  Object.entries(template.Resources)
    .filter(
      ([, r]) =>
        r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy'
    )
    .filter(([, r]) =>
      JSON.stringify(r.Properties.Roles ?? []).includes(rolePrefix)
    )
    .map(([, r]) => JSON.stringify(r.Properties.PolicyDocument).length);

const measure = (count: number, bundle: boolean, prefix?: string) => {
  const outdir = mkdtempSync(join(tmpdir(), 'sentinel-bench-'));
  const started = performance.now();
  const app = new App({
    outdir,
    context: bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const config = parseSentinelConfig(
    {
      stackName: 'Bench',
      network: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
      },
      targets: targets(count),
      secretNamePrefix: prefix,
    },
    'bench'
  );
  new SentinelStack(app, 'Bench', {
    config,
    verifyEntry: entryOr(join(ROOT, 'lambdas', 'verify.ts')),
    recordEntry: entryOr(join(ROOT, 'lambdas', 'record.ts')),
  });
  const assembly = app.synth();
  const synthMs = performance.now() - started;

  const nagStarted = performance.now();
  const violations = new AwsSolutionsChecks(app).validateScope(app).violations;
  const nagMs = performance.now() - nagStarted;

  const file = join(assembly.directory, 'Bench.template.json');
  const template = JSON.parse(readFileSync(file, 'utf8')) as Template;
  const resources = Object.values(template.Resources);
  const rules = resources.filter((r) => r.Type === 'AWS::Events::Rule');
  const inputs = rules.flatMap((r) =>
    (r.Properties.Targets ?? []).map((t) => Buffer.byteLength(t.Input))
  );
  const result = {
    targets: count,
    secrets: prefix === undefined ? 'listed' : `prefix ${prefix}`,
    bundled: bundle,
    synthMs: Math.round(synthMs),
    nagMs: Math.round(nagMs),
    nagViolations: violations.length,
    templateBytes: statSync(file).size,
    templateMinifiedBytes: JSON.stringify(template).length,
    resources: resources.length,
    rules: rules.length,
    batches: inputs.length,
    largestInputBytes: Math.max(...inputs),
    lambdaPermissions: resources.filter(
      (r) => r.Type === 'AWS::Lambda::Permission'
    ).length,
    verifierPolicyChars: policyChars(template, 'VerifierRole'),
  };
  rmSync(outdir, { recursive: true, force: true });
  return result;
};

const report = (count: number, bundle: boolean, prefix?: string) => {
  try {
    console.log(JSON.stringify(measure(count, bundle, prefix)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(JSON.stringify({ targets: count, prefix, fails: message }));
  }
};

const counts = process.argv.slice(2).map(Number);
measure(1, true); // warm-up: module loading and JIT, not reported
for (const count of counts.length > 0 ? counts : [1, 50, 500]) {
  report(count, true);
  report(count, true, 'prod/');
  report(count, false, 'prod/');
}
