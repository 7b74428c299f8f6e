import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../support/dynamodb-local.js';
import { startPostgresCluster } from '../support/postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Loopback address of the run's PostgreSQL cluster. */
    pgHost: string;
    pgPort: number;
    /** Password of the `postgres` superuser of that cluster. */
    pgSuperuserPassword: string;
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamoEndpoint: string;
  }
}

/**
 * Starts one throwaway PostgreSQL cluster and one DynamoDB Local for the
 * whole test run, hands their coordinates to tests (read them with
 * `inject`), and returns the teardown that stops both.
 */
async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedAt = Date.now();
  const [postgres, dynamo] = await Promise.allSettled([
    startPostgresCluster(),
    startDynamoDbLocal(),
  ]);
  if (postgres.status === 'rejected' || dynamo.status === 'rejected') {
    const results = [postgres, dynamo];
    const started = results.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : []
    );
    await Promise.all(started.map((server) => server.stop()));
    const failures = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : []
    );
    throw failures.length === 1
      ? failures[0]
      : new AggregateError(failures, 'Neither test server started');
  }

  const cluster = postgres.value;
  project.provide('pgHost', cluster.host);
  project.provide('pgPort', cluster.port);
  project.provide('pgSuperuserPassword', cluster.superuserPassword);
  project.provide('dynamoEndpoint', dynamo.value.endpoint);
  console.log(
    `test servers: PostgreSQL on ${cluster.host}:${cluster.port}, ` +
      `DynamoDB Local on ${dynamo.value.endpoint}, ` +
      `ready in ${Date.now() - startedAt} ms`
  );

  return async () => {
    await Promise.all([cluster.stop(), dynamo.value.stop()]);
  };
}

export { setup };
