import { execFile, execFileSync } from 'node:child_process';
import { appendFile, chown, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessError, HarnessFailure, tail } from './harness-error.js';
import { freeLoopbackPort } from './loopback-port.js';

const run = promisify(execFile);
const OS_USER = 'postgres';
const PORT_ATTEMPTS = 3;

/** One throwaway cluster's folder, and whether its tools need `runuser`. */
type ClusterFolder = {
  readonly binDir: string;
  readonly dir: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly asRoot: boolean;
};

/**
 * Describes the cluster that will live in `dir`. As root, the tools run as
 * the postgres OS user, because initdb and postgres refuse root; as any
 * other user, they run as that user.
 */
function clusterFolder(binDir: string, dir: string): ClusterFolder {
  return {
    binDir,
    dir,
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'server.log'),
    asRoot: process.getuid?.() === 0,
  };
}

/**
 * Runs initdb (scram-sha-256 over TCP, trust on the socket, `password` for
 * the postgres superuser) and appends the loopback and speed settings.
 */
async function initCluster(
  folder: ClusterFolder,
  password: string
): Promise<void> {
  if (folder.asRoot) await giveToOsUser(folder.dir);
  const pwfile = join(folder.dir, 'pwfile');
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  const args = [
    ...['-D', folder.dataDir, '-U', OS_USER, `--pwfile=${pwfile}`],
    ...['--auth-host=scram-sha-256', '--auth-local=trust'],
    ...['--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
  ];

  try {
    await runTool(folder, 'initdb', args, 60_000);
  } catch (error) {
    throw new HarnessError(
      HarnessFailure.postgresInitFailed,
      `initdb failed in ${folder.dir}:\n${tail(toolOutput(error))}`,
      { cause: error }
    );
  } finally {
    await rm(pwfile, { force: true });
  }
  await appendFile(join(folder.dataDir, 'postgresql.conf'), settings(folder));
}

/**
 * Starts the server on a free loopback port and returns the port once
 * `pg_ctl -w` reports it ready, retrying when the port was taken meanwhile.
 */
async function startServer(
  folder: ClusterFolder,
  timeoutMillis: number
): Promise<number> {
  const seconds = String(Math.ceil(timeoutMillis / 1000));
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const args = ['-D', folder.dataDir, '-l', folder.logFile, '-w'];
    args.push('-t', seconds, '-o', `-p ${port}`, 'start');
    try {
      await runTool(folder, 'pg_ctl', args, timeoutMillis + 5_000);
      return port;
    } catch (error) {
      const log = await readFile(folder.logFile, 'utf8').catch(() => '');
      if (log.includes('could not bind') && attempt < PORT_ATTEMPTS) continue;
      throw new HarnessError(
        HarnessFailure.postgresStartFailed,
        `PostgreSQL did not start on 127.0.0.1:${port} within ` +
          `${timeoutMillis} ms (startTimeoutMillis). Server log ` +
          `${folder.logFile}:\n${tail(log || toolOutput(error))}`,
        { cause: error }
      );
    }
  }
}

/** Stops the server at once (`pg_ctl stop -m immediate`). */
async function stopServer(folder: ClusterFolder): Promise<void> {
  await runTool(folder, 'pg_ctl', stopArgs(folder), 30_000);
}

/** The same as stopServer, blocking, for a process 'exit' handler. */
function stopServerNow(folder: ClusterFolder): void {
  const [file, argv] = command(folder, 'pg_ctl', stopArgs(folder));
  execFileSync(file, argv, { cwd: folder.dir, stdio: 'ignore' });
}

function stopArgs(folder: ClusterFolder): string[] {
  return ['-D', folder.dataDir, '-m', 'immediate', '-w', 'stop'];
}

function command(
  folder: ClusterFolder,
  tool: string,
  args: string[]
): [string, string[]] {
  const path = join(folder.binDir, tool);
  if (!folder.asRoot) return [path, args];
  return ['runuser', ['-u', OS_USER, '--', path, ...args]];
}

async function runTool(
  folder: ClusterFolder,
  tool: string,
  args: string[],
  timeout: number
): Promise<void> {
  const [file, argv] = command(folder, tool, args);
  await run(file, argv, { cwd: folder.dir, timeout, encoding: 'utf8' });
}

async function giveToOsUser(dir: string): Promise<void> {
  const owner = await osUserIds();
  await chown(dir, owner.uid, owner.gid);
}

/** The ids of the postgres OS user; nothing is ever created for it. */
async function osUserIds(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) =>
    Number((await run('id', [flag, OS_USER], { encoding: 'utf8' })).stdout);
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch (error) {
    throw new HarnessError(
      HarnessFailure.postgresOsUserMissing,
      'Running as root, so initdb and postgres must run as the ' +
        `'${OS_USER}' OS user (they refuse root), and there is no such ` +
        `user. Create it with \`useradd --system --user-group ${OS_USER}\` ` +
        '(`apt-get install -y postgresql` also creates it), or run as a ' +
        'normal user.',
      { cause: error }
    );
  }
}

function settings(folder: ClusterFolder): string {
  const socketDir = folder.dir.replaceAll("'", "''");
  return [
    '',
    '# alembic-sentinel test cluster: loopback only, speed over safety',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    '',
  ].join('\n');
}

function toolOutput(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { stdout, stderr } = error as { stdout?: string; stderr?: string };
  const output = `${stdout ?? ''}${stderr ?? ''}`;
  return output === '' ? String(error) : output;
}

export type { ClusterFolder };
export { clusterFolder, initCluster, startServer, stopServer, stopServerNow };
