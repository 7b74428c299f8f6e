import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Attestation } from '../core/attestation.js';
import type { DeployWindow } from '../core/deploy-window.js';
import { ConfigurationError } from '../core/errors.js';
import type { Manifest } from '../core/manifest/manifest-format.js';
import {
  measureManifest,
  serialiseManifest,
} from '../core/manifest/manifest-storage.js';
import { openDeployWindow } from '../deploy-windows.js';
import { readManifest } from '../io/manifest-files.js';
import { postgresReader } from '../io/version-table.js';
import { recordDeploy } from '../recorder.js';
import { ExitCode } from './exit-codes.js';
import { parseHeads } from './heads-input.js';
import { invokeFunction } from './lambda-invoke.js';
import { type ConnectionOptions, localDeps, targetFrom } from './local-deps.js';
import { describeAttestation } from './output.js';

interface RecordOptions extends ConnectionOptions {
  readonly deployId: string;
  readonly heads: readonly string[];
  readonly commit?: string;
  readonly actor?: string;
  /** Build the manifest from these scripts and send it along. */
  readonly versionsDir?: string;
  /** Invoke the deployed recorder instead of writing the store directly. */
  readonly recorderFunction?: string;
  readonly expiresInMinutes?: number;
  readonly json?: boolean;
}

type Write = (text: string) => void;

const manifestFrom = async (
  versionsDir: string | undefined
): Promise<Manifest | undefined> => {
  if (versionsDir === undefined) return undefined;
  const { manifest } = await readManifest(versionsDir);
  const size = measureManifest(serialiseManifest(manifest));
  if (size.status === 'too-large') {
    throw new ConfigurationError(
      `the manifest of ${versionsDir} is ${size.bytes} bytes, over the ` +
        `${size.budgetBytes}-byte item budget (docs/manifest.md); record ` +
        'without --versions-dir'
    );
  }
  return manifest;
};

const headsOf = (options: RecordOptions): string[] => {
  const heads = parseHeads(options.heads);
  if (heads.length === 0) {
    throw new ConfigurationError(
      '--heads names no revision; pass ids, or "$(alembic heads)"'
    );
  }
  return heads;
};

/** Runs the recorder locally or through the deployed function. */
const callRecorder = async (
  options: RecordOptions,
  event: Record<string, unknown>,
  manifest: Manifest | undefined
): Promise<{
  attestation?: Attestation;
  created?: boolean;
  window?: DeployWindow;
}> => {
  const target = targetFrom(options);
  if (options.recorderFunction !== undefined) {
    if (options.targetInput === undefined && options.secretId === undefined) {
      throw new ConfigurationError(
        'the deployed recorder reads credentials from Secrets Manager; ' +
          'pass --config sentinel.config.json or --secret-id'
      );
    }
    return (await invokeFunction(
      new LambdaClient({}),
      options.recorderFunction,
      {
        ...event,
        target: options.targetInput ?? target,
        ...(manifest && { manifest: serialiseManifest(manifest) }),
      }
    )) as {
      attestation?: Attestation;
      created?: boolean;
      window?: DeployWindow;
    };
  }

  const deps = await localDeps(options);
  const shared = {
    ...deps,
    readTable: postgresReader(undefined, { evidence: true }),
    clock: () => new Date(),
  };
  if (event.action === 'begin') {
    const window = await openDeployWindow(
      {
        target,
        deployId: options.deployId,
        toHeads: event.toHeads as string[],
        expiresInMinutes: options.expiresInMinutes ?? 60,
        ...(manifest && { manifest }),
      },
      shared
    );
    return { window };
  }
  return recordDeploy(
    {
      target,
      heads: event.heads as string[],
      deployId: options.deployId,
      ...(options.commit !== undefined && { commit: options.commit }),
      ...(options.actor !== undefined && { actor: options.actor }),
      ...(manifest && { manifest }),
    },
    shared
  );
};

/**
 * `alembic-sentinel record` (or `record complete`): records the heads a
 * deploy applied, directly or through the deployed recorder function.
 */
const runRecord = async (
  options: RecordOptions,
  write: Write
): Promise<ExitCode> => {
  const manifest = await manifestFrom(options.versionsDir);
  const result = await callRecorder(
    options,
    {
      action: 'record',
      heads: headsOf(options),
      deployId: options.deployId,
      ...(options.commit !== undefined && { commit: options.commit }),
      ...(options.actor !== undefined && { actor: options.actor }),
    },
    manifest
  );
  if (result.attestation === undefined) {
    throw new ConfigurationError('the recorder returned no attestation');
  }
  write(
    options.json
      ? JSON.stringify(result)
      : describeAttestation(result.attestation, result.created ?? true)
  );
  return ExitCode.ok;
};

/** `alembic-sentinel record begin`: opens a deploy window before migrating. */
const runBegin = async (
  options: RecordOptions,
  write: Write
): Promise<ExitCode> => {
  const manifest = await manifestFrom(options.versionsDir);
  const result = await callRecorder(
    options,
    {
      action: 'begin',
      toHeads: headsOf(options),
      deployId: options.deployId,
      expiresInMinutes: options.expiresInMinutes ?? 60,
    },
    manifest
  );
  const window = result.window;
  if (window === undefined) {
    throw new ConfigurationError('the recorder returned no deploy window');
  }
  write(
    options.json
      ? JSON.stringify({ window })
      : [
          `deploy window open: ${window.targetId} ${window.deployId}`,
          `from:    ${window.fromHeads.join(', ')}`,
          `to:      ${window.toHeads.join(', ')}`,
          `expires: ${window.expiresAt}`,
        ].join('\n')
  );
  return ExitCode.ok;
};

export type { RecordOptions };
export { runBegin, runRecord };
