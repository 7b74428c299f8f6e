import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '../core/errors.js';
import { type Target, type TargetInput, targetSchema } from '../core/target.js';
import { describeIssues } from '../events.js';
import {
  type AttestationStore,
  dynamoAttestationStore,
} from '../io/attestation-store.js';
import {
  type CredentialsSource,
  secretsManagerSource,
  staticSource,
} from '../io/credentials.js';
import {
  dynamoSchemaSnapshotStore,
  type SchemaSnapshotStore,
} from '../io/evidence/schema-snapshot-store.js';
import {
  dynamoManifestStore,
  type ManifestStore,
} from '../io/manifest-store.js';
import { ensureLocalTable } from '../io/table.js';
import { dynamoWindowStore, type WindowStore } from '../io/window-store.js';
import { credentialsFromUrl } from './database-url.js';

/** Flags shared by every command that reads a database. */
interface ConnectionOptions {
  readonly target: string;
  /** The target as the stack config defines it (from --config). */
  readonly targetInput?: TargetInput;
  readonly databaseUrl?: string;
  readonly secretId?: string;
  readonly schema?: string;
  readonly versionTable?: string;
  readonly tls?: string;
  readonly table: string;
  readonly dynamodbEndpoint?: string;
  readonly createTable?: boolean;
}

const URL_SECRET_ID = '(database URL)';

const targetFrom = (options: ConnectionOptions): Target => {
  const result = targetSchema.safeParse(
    options.targetInput ?? {
      id: options.target,
      secretId: options.secretId ?? URL_SECRET_ID,
      ...(options.schema !== undefined && { schema: options.schema }),
      ...(options.versionTable !== undefined && {
        versionTable: options.versionTable,
      }),
      ...(options.tls !== undefined && { tls: options.tls }),
    }
  );
  if (!result.success) {
    throw new ConfigurationError(
      `invalid target flags: ${describeIssues(result.error)}`
    );
  }
  return result.data;
};

const credentialsFrom = (options: ConnectionOptions): CredentialsSource => {
  if (options.databaseUrl !== undefined && options.secretId !== undefined) {
    throw new ConfigurationError(
      'give either --database-url (or SENTINEL_DATABASE_URL) or ' +
        '--secret-id, not both'
    );
  }
  if (options.databaseUrl !== undefined) {
    return staticSource(credentialsFromUrl(options.databaseUrl));
  }
  if (options.secretId !== undefined) {
    return secretsManagerSource({
      client: new SecretsManagerClient({}),
      ttlMillis: 0,
      now: Date.now,
    });
  }
  throw new ConfigurationError(
    'no database given; set SENTINEL_DATABASE_URL, or pass --database-url ' +
      'or --secret-id'
  );
};

/** The target, credentials and store a CLI command works with. */
const localDeps = async (
  options: ConnectionOptions
): Promise<{
  target: Target;
  credentials: CredentialsSource;
  attestations: AttestationStore;
  manifests: ManifestStore;
  windows: WindowStore;
  schemaSnapshots: SchemaSnapshotStore;
}> => {
  const target = targetFrom(options);
  const credentials = credentialsFrom(options);
  const client = new DynamoDBClient(
    options.dynamodbEndpoint === undefined
      ? {}
      : { endpoint: options.dynamodbEndpoint }
  );
  if (options.createTable) await ensureLocalTable(client, options.table);
  return {
    target,
    credentials,
    attestations: dynamoAttestationStore(client, options.table),
    manifests: dynamoManifestStore(client, options.table),
    windows: dynamoWindowStore(client, options.table),
    schemaSnapshots: dynamoSchemaSnapshotStore(client, options.table),
  };
};

export type { ConnectionOptions };
export { localDeps, targetFrom };
