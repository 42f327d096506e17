// Starts the telegram-test-api emulator for the Python test support.
//
// Usage: node start.js [storeTimeoutSeconds]
// The module is found through NODE_PATH (the git-ignored .test-deps folder).
// The server listens on 127.0.0.1 on a port the OS picks (no race between
// choosing a free port and binding it), then prints one line
// "READY <port>" on stdout. It stops when stdin closes, so the emulator never
// outlives the Python process that launched it, even after SIGKILL.
'use strict';

const TelegramServer = require('telegram-test-api');

async function main() {
  const storeTimeout = Number(process.argv[2] || 3600);
  const server = new TelegramServer({ port: 1, host: '127.0.0.1', storeTimeout });
  // normalizeConfig() turns port 0 into 9000, so ask for an OS-chosen port afterwards.
  server.config.port = 0;
  await server.start();
  const { port } = server.server.address();
  process.stdout.write(`READY ${port}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 2000).unref();
    await server.stop();
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`telegram-test-api failed to start: ${error.stack || error}\n`);
  process.exit(1);
});
