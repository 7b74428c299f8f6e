import {
  AttestationConflictError,
  ConfigurationError,
  CredentialsError,
  DatabaseFailureReason,
  DatabaseUnavailableError,
  RecordRefusedError,
  SentinelError,
  StoreError,
} from '../core/errors.js';

/**
 * Rebuilds the typed error a Lambda function threw from its `errorType`
 * and `errorMessage`, so the CLI exits the same way for local and remote
 * runs. Our functions only throw messages that are safe to print.
 */
const remoteError = (errorType: string, message: string): SentinelError => {
  switch (errorType) {
    case 'ConfigurationError':
      return new ConfigurationError(message);
    case 'CredentialsError':
      return new CredentialsError(message);
    case 'RecordRefusedError':
      return new RecordRefusedError(message, [], []);
    case 'AttestationConflictError':
      return new AttestationConflictError(message);
    case 'DatabaseUnavailableError':
      return new DatabaseUnavailableError(DatabaseFailureReason.other, message);
    case 'StoreError':
      return new StoreError(message);
    default:
      return new SentinelError('REMOTE', `${errorType}: ${message}`);
  }
};

export { remoteError };
