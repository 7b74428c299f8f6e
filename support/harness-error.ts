/**
 * Why a test server (PostgreSQL or DynamoDB Local) could not be had.
 * Callers branch on the code, never on the message text.
 */
const HarnessFailure = {
  postgresNotFound: 'POSTGRES_NOT_FOUND',
  postgresOsUserMissing: 'POSTGRES_OS_USER_MISSING',
  postgresInitFailed: 'POSTGRES_INIT_FAILED',
  postgresStartFailed: 'POSTGRES_START_FAILED',
  invalidDatabaseName: 'INVALID_DATABASE_NAME',
  dynamoDbLocalNotFound: 'DYNAMODB_LOCAL_NOT_FOUND',
  javaNotFound: 'JAVA_NOT_FOUND',
  dynamoDbLocalStartFailed: 'DYNAMODB_LOCAL_START_FAILED',
} as const;

type HarnessFailure = (typeof HarnessFailure)[keyof typeof HarnessFailure];

/** A test server could not be found, made or started; the message says how
 * to fix it (which package to install, which script to run). */
class HarnessError extends Error {
  readonly code: HarnessFailure;

  constructor(code: HarnessFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
  }
}

/** The last lines of a server's output, to quote in an error message. */
function tail(output: string, lines = 15): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

export { HarnessError, HarnessFailure, tail };
