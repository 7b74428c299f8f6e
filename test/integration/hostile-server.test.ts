import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withHiddenPassword } from '../../lambdas/core/credentials.js';
import {
  DatabaseFailureReason,
  DatabaseUnavailableError,
} from '../../lambdas/core/errors.js';
import { targetSchema } from '../../lambdas/core/target.js';
import { postgresReader } from '../../lambdas/io/version-table.js';

let server: Server | undefined;
const sockets: Socket[] = [];

/**
 * A loopback server that answers the first message of each connection
 * with `reply`, then neither reads, writes nor closes.
 */
const hostileServer = async (reply: Buffer): Promise<number> => {
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    socket.once('data', () => {
      if (reply.length > 0) socket.write(reply);
      socket.pause();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
};

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

const readFrom = (port: number, tls: 'disable' | 'require') =>
  postgresReader({
    connectMillis: 1_000,
    statementMillis: 500,
    lockMillis: 200,
  })(
    targetSchema.parse({ id: 'hostile', secretId: 'unused', tls }),
    withHiddenPassword(
      { host: '127.0.0.1', port, database: 'db', username: 'reader' },
      'Hostile-Test-Pa55'
    )
  );

describe('Function: postgresReader against a server that misbehaves', () => {
  it('gives up instead of waiting for a server that answers with junk', async () => {
    // An error message whose length field lies, ten times over.
    const junk = Buffer.concat(
      Array.from({ length: 10 }, () =>
        Buffer.from('E\x00\x00\x00\x08garbage-not-a-pg-message', 'latin1')
      )
    );
    const port = await hostileServer(junk);

    const act = readFrom(port, 'disable');

    await expect(act).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });

  it('gives up when a server refuses TLS and then holds the socket open', async () => {
    const port = await hostileServer(Buffer.from('N'));

    const act = readFrom(port, 'require');

    await expect(act).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });

  it('times out a server that accepts and never answers', async () => {
    const port = await hostileServer(Buffer.alloc(0));

    await expect(readFrom(port, 'disable')).rejects.toMatchObject({
      reason: DatabaseFailureReason.timeout,
    });
  });
});
