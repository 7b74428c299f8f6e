#!/usr/bin/env -S node --import tsx
import { Command, InvalidArgumentError, Option } from 'commander';
import { ExitCode } from '../lambdas/cli/exit-codes.js';
import { exitCodeOfError } from '../lambdas/cli/exit-status.js';
import { runHistory } from '../lambdas/cli/history-command.js';
import { runManifest } from '../lambdas/cli/manifest-command.js';
import { runBegin, runRecord } from '../lambdas/cli/record-command.js';
import { runStatus } from '../lambdas/cli/status-command.js';
import { runVerify } from '../lambdas/cli/verify-command.js';
import { ConfigurationError, SentinelError } from '../lambdas/core/errors.js';
import { loadSentinelConfig } from '../lib/config.js';

const write = (text: string) => {
  process.stdout.write(`${text}\n`);
};

const describeError = (error: unknown): string =>
  error instanceof SentinelError
    ? error.message
    : `unexpected ${error instanceof Error ? error.name : 'failure'}: ${
        error instanceof Error ? error.message : String(error)
      }`;

const run = async (json: boolean, action: () => Promise<ExitCode>) => {
  try {
    process.exitCode = await action();
  } catch (error) {
    const message = describeError(error);
    const code = error instanceof SentinelError ? error.code : 'UNEXPECTED';
    process.stderr.write(
      json
        ? `${JSON.stringify({ error: { code, message } })}\n`
        : `alembic-sentinel: ${message}\n`
    );
    process.exitCode = exitCodeOfError(error);
  }
};

/** A flag parser for a whole number in [min, max]; commander exits 2. */
const wholeNumber =
  (min: number, max: number) =>
  (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, got "${value}"`
      );
    }
    return parsed;
  };

const commaList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
];

const withStore = (command: Command): Command =>
  command
    .addOption(
      new Option('--table <name>', 'DynamoDB table of attestations')
        .env('SENTINEL_TABLE_NAME')
        .default('alembic-sentinel')
    )
    .addOption(
      new Option(
        '--dynamodb-endpoint <url>',
        'DynamoDB endpoint (local use)'
      ).env('AWS_ENDPOINT_URL_DYNAMODB')
    )
    .option('--json', 'print JSON for machines');

const withConnection = (command: Command): Command =>
  withStore(command)
    .requiredOption('--target <id>', 'target id, as in the stack config')
    .addOption(
      new Option(
        '--database-url <url>',
        'postgresql://USER:PASSWORD@HOST:PORT/DB (prefer the env var)'
      ).env('SENTINEL_DATABASE_URL')
    )
    .option('--secret-id <id>', 'read credentials from Secrets Manager')
    .option('--schema <name>', 'schema of the version table', 'public')
    .option('--version-table <name>', 'version table name', 'alembic_version')
    .addOption(
      new Option('--tls <mode>', 'TLS to the database')
        .choices(['verify-full', 'require', 'disable'])
        .default('verify-full')
    )
    .option('--create-table', 'create the DynamoDB table if missing (local)');

const program = new Command('alembic-sentinel')
  .description(
    'Witness for Alembic migration state: record legitimate deploys, ' +
      'verify alembic_version against them.'
  )
  .addHelpText(
    'after',
    '\nExit codes: 0 OK or recorded; 1 findings or record refused; ' +
      '2 bad usage or configuration; 3 could not check; 4 conflict.'
  )
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : ExitCode.usage);
  });

/** Adds the target definition from --config, when given. */
const withTargetInput = <T extends { config?: string; target: string }>(
  options: T
) => {
  if (options.config === undefined) return options;
  const found = loadSentinelConfig(options.config).targets.find(
    (target) => target.id === options.target
  );
  if (found === undefined) {
    throw new ConfigurationError(
      `target ${options.target} is not in ${options.config}; ` +
        'check --target against the config'
    );
  }
  return { ...options, targetInput: found };
};

const withDeploy = (command: Command): Command =>
  withConnection(command)
    .requiredOption('--deploy-id <id>', 'unique id of this deploy')
    .option('--config <path>', 'stack config; the target is read from it')
    .option('--versions-dir <dir>', 'send the manifest of these scripts')
    .addOption(
      new Option(
        '--recorder-function <name>',
        'invoke the deployed recorder (name or ARN)'
      ).env('SENTINEL_RECORDER_FUNCTION')
    );

const record = program
  .command('record')
  .description('record a deploy: `record begin` before, `record` after');

withDeploy(
  record
    .command('complete', { isDefault: true })
    .description('record the heads a deploy just applied (the default)')
    .requiredOption(
      '--heads <ids>',
      'applied heads: ids, comma separated, or "$(alembic heads)"',
      commaList
    )
    .option('--commit <sha>', 'commit that was deployed')
    .option('--actor <name>', 'who or what ran the deploy')
).action(async (options) => {
  await run(Boolean(options.json), () =>
    runRecord(withTargetInput(options), write)
  );
});

withDeploy(
  record
    .command('begin')
    .description('open a deploy window before alembic upgrade')
    .requiredOption(
      '--heads <ids>',
      'heads the deploy will reach, or "$(alembic heads)"',
      commaList
    )
    .option(
      '--expires-in-minutes <n>',
      'how long the window stays open (1-1440)',
      wholeNumber(1, 1440),
      60
    )
).action(async (options) => {
  await run(Boolean(options.json), () =>
    runBegin(
      {
        ...withTargetInput(options),
        expiresInMinutes: options.expiresInMinutes,
      },
      write
    )
  );
});

withConnection(
  program
    .command('verify')
    .description('check one target against its newest attestation')
    .option('--topic-arn <arn>', 'publish alerts to this SNS topic')
    .option('--config <path>', 'stack config; the target is read from it')
    .addOption(
      new Option(
        '--verifier-function <name>',
        'invoke the deployed verifier for this target (name or ARN)'
      ).env('SENTINEL_VERIFIER_FUNCTION')
    )
).action(async (options) => {
  await run(Boolean(options.json), () =>
    runVerify(withTargetInput(options), write)
  );
});

const targetIds = (options: { config?: string; target?: string[] }) => {
  const listed = options.target ?? [];
  const configured = options.config
    ? loadSentinelConfig(options.config).targets.map((target) => target.id)
    : [];
  const ids = [...new Set([...configured, ...listed])];
  if (ids.length === 0) {
    throw new ConfigurationError(
      'no targets given; pass --config sentinel.config.json or --target ID'
    );
  }
  return ids;
};

withStore(
  program
    .command('status')
    .description('every target: alert state, last check, expectation')
    .option('--config <path>', 'stack config file listing the targets')
    .option('--target <id>', 'a target id (repeatable)', commaList)
    .option(
      '--stale-after-minutes <n>',
      'STALE when unchecked longer',
      wholeNumber(1, 525_600),
      120
    )
).action(async (options) => {
  await run(Boolean(options.json), () =>
    runStatus(
      {
        ...options,
        targets: targetIds(options),
        staleAfterMinutes: options.staleAfterMinutes,
        now: new Date(),
      },
      write
    )
  );
});

withStore(
  program
    .command('history')
    .description("a target's deploys, observed changes and notifications")
    .requiredOption('--target <id>', 'target id')
    .option(
      '--limit <n>',
      'how many entries, newest first (1-1000)',
      wholeNumber(1, 1000),
      50
    )
).action(async (options) => {
  await run(Boolean(options.json), () => runHistory(options, write));
});

program
  .command('manifest')
  .description('read migration scripts (no Python) into a manifest')
  .argument('<versions-dir>', "the Alembic project's versions directory")
  .option(
    '--recursive',
    'also read subdirectories (recursive_version_locations)'
  )
  .option(
    '--version-column-width <n>',
    'width of version_num',
    wholeNumber(1, 1024),
    32
  )
  .option('--json', 'print the manifest as JSON')
  .action(async (versionsDir: string, options) => {
    await run(Boolean(options.json), () =>
      runManifest(
        {
          ...options,
          versionsDir,
          versionColumnWidth: options.versionColumnWidth,
        },
        write
      )
    );
  });

await program.parseAsync(process.argv);
