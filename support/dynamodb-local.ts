import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError, HarnessFailure, tail } from './harness-error.js';
import { freeLoopbackPort } from './loopback-port.js';

/** A running DynamoDB Local; `stop()` kills it (its tables are in memory). */
type DynamoDbLocal = {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Kills the emulator; safe to call twice. */
  stop(): Promise<void>;
};

type DynamoDbLocalOptions = {
  /**
   * Folder holding DynamoDBLocal.jar and DynamoDBLocal_lib.
   * @default DYNAMODB_LOCAL_DIR, else .cache/dynamodb-local in the repo
   */
  readonly directory?: string;
  /**
   * How long to wait for the emulator to answer HTTP.
   * @default 30000
   */
  readonly startTimeoutMillis?: number;
};

const FETCH_SCRIPT = 'bash support/fetch-dynamodb-local.sh';
const DEFAULT_DIRECTORY = fileURLToPath(
  new URL('../.cache/dynamodb-local', import.meta.url)
);
const PORT_ATTEMPTS = 3;
const POLL_MILLIS = 100;

/**
 * Starts AWS's DynamoDB Local (in memory, telemetry off) on a free port and
 * resolves once it answers HTTP. The jar has no option to choose the
 * listening address: it listens on every interface, and the endpoint given
 * to clients is always loopback. Needs Java 17 and the jar fetched by
 * `bash support/fetch-dynamodb-local.sh`.
 */
async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {}
): Promise<DynamoDbLocal> {
  const directory =
    options.directory ?? process.env.DYNAMODB_LOCAL_DIR ?? DEFAULT_DIRECTORY;
  const jar = join(directory, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new HarnessError(
      HarnessFailure.dynamoDbLocalNotFound,
      `DynamoDB Local is not in ${directory} (no DynamoDBLocal.jar). ` +
        `Run \`${FETCH_SCRIPT}\`, or set DYNAMODB_LOCAL_DIR.`
    );
  }

  const java = findJava();
  const timeoutMillis = options.startTimeoutMillis ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const emulator = launch(java, directory, port);
    const started = await waitUntilAnswering(emulator, timeoutMillis);
    if (started === 'answering') return running(emulator);

    await emulator.stop();
    const portTaken = /address already in use/i.test(emulator.output());
    if (portTaken && attempt < PORT_ATTEMPTS) continue;
    throw new HarnessError(
      HarnessFailure.dynamoDbLocalStartFailed,
      `DynamoDB Local ${started} on 127.0.0.1:${port} ` +
        `(startTimeoutMillis ${timeoutMillis}). Its output:\n` +
        tail(emulator.output())
    );
  }
}

/** JAVA_HOME/bin/java, else the first `java` on PATH. */
function findJava(): string {
  const home = process.env.JAVA_HOME;
  const candidates = [
    ...(home ? [join(home, 'bin', 'java')] : []),
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'java')),
  ];
  const java = candidates.find(isExecutable);
  if (java !== undefined) return java;
  throw new HarnessError(
    HarnessFailure.javaNotFound,
    'DynamoDB Local needs Java 17, and no `java` is on PATH or in ' +
      'JAVA_HOME. Install it with ' +
      '`apt-get install -y openjdk-17-jre-headless`.'
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Emulator = {
  readonly process: ChildProcess;
  readonly endpoint: string;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
};

function launch(java: string, directory: string, port: number): Emulator {
  const args = [
    `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
    ...['-jar', join(directory, 'DynamoDBLocal.jar')],
    ...['-inMemory', '-port', String(port), '-disableTelemetry'],
  ];
  const child = spawn(java, args, {
    cwd: directory,
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-16_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(`${error.message}\n`)));
  const exited = new Promise<void>((resolve) => child.once('close', resolve));

  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const stop = async () => {
    process.off('exit', kill);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 5_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  return { process: child, endpoint, port, output: () => output, stop };
}

/** Polls the endpoint until any HTTP answer, the process ends, or time. */
async function waitUntilAnswering(
  emulator: Emulator,
  timeoutMillis: number
): Promise<'answering' | 'exited' | 'did not answer in time'> {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    if (emulator.process.exitCode !== null) return 'exited';
    if (emulator.process.signalCode !== null) return 'exited';
    try {
      await fetch(emulator.endpoint, { signal: AbortSignal.timeout(1_000) });
      return 'answering';
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
    }
  }
  return 'did not answer in time';
}

function running(emulator: Emulator): DynamoDbLocal {
  let stopped: Promise<void> | undefined;
  return {
    endpoint: emulator.endpoint,
    port: emulator.port,
    stop: () => {
      stopped ??= emulator.stop();
      return stopped;
    },
  };
}

export type { DynamoDbLocal, DynamoDbLocalOptions };
export { startDynamoDbLocal };
