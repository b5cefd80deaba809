/**
 * The bare `node:http` server the users-route bench compares the BFF with (run.ts): every request
 * is answered with the same precomputed bytes, so its requests per second are what this machine's
 * HTTP stack and the load generator allow. Run in its own process, on the BFF's core.
 * Usage: node --import tsx bench/bare-server.ts <port> <file with the body>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, bodyFile] = process.argv.slice(2);
const body = readFileSync(bodyFile!);
createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
}).listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
