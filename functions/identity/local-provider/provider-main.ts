import { startLocalProvider } from './provider-server';
import type { ProviderMessage } from './provider-process';

/** The local OpenID provider's child process (see provider-process.ts): arguments port, redirect URI; the client secret arrives by IPC. */
const send = (message: ProviderMessage) => process.send?.(message);

process.once('message', (message: { type: 'start'; port: number; redirectUri: string; clientSecret: string }) => {
  startLocalProvider({ port: message.port, redirectUri: message.redirectUri, clientSecret: message.clientSecret })
    .then(({ server, info }) => {
      const stop = () => {
        server.close(() => process.exit(0));
        // Keep-alive connections would hold the close open.
        server.closeAllConnections();
      };
      process.on('message', (next: { type: string }) => {
        if (next.type === 'stop') stop();
      });
      // The exchange went away without stopping us (a test that timed out, a killed parent): do not
      // linger, and never hold the parent's test runner open on a connection.
      process.on('disconnect', () => process.exit(0));
      send({ type: 'ready', ...info });
    })
    .catch((error: unknown) => {
      console.error('The local identity provider could not start:', error);
      process.exit(1);
    });
});
