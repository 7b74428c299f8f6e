import { postgresReader } from '../io/version-table.js';
import { recordDeploy } from '../recorder.js';
import { ExitCode } from './exit-codes.js';
import { type ConnectionOptions, localDeps } from './local-deps.js';
import { describeAttestation } from './output.js';

interface RecordOptions extends ConnectionOptions {
  readonly heads: readonly string[];
  readonly deployId: string;
  readonly commit?: string;
  readonly actor?: string;
  readonly json?: boolean;
}

/** `alembic-sentinel record`: one attestation, straight to the store. */
const runRecord = async (
  options: RecordOptions,
  write: (text: string) => void
): Promise<ExitCode> => {
  const { target, credentials, attestations } = await localDeps(options);
  const { attestation, created } = await recordDeploy(
    {
      target,
      heads: options.heads,
      deployId: options.deployId,
      ...(options.commit !== undefined && { commit: options.commit }),
      ...(options.actor !== undefined && { actor: options.actor }),
    },
    {
      credentials,
      readTable: postgresReader(),
      attestations,
      clock: () => new Date(),
    }
  );

  write(
    options.json
      ? JSON.stringify({ created, attestation })
      : describeAttestation(attestation, created)
  );
  return ExitCode.ok;
};

export type { RecordOptions };
export { runRecord };
