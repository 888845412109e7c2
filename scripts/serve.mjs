// Serves the built dist/ folder on 127.0.0.1 with no dependencies beyond Node.
//
// Usage: node scripts/serve.mjs [--port N]
// The port comes from --port, else the PORT environment variable, else 4173. When it is taken, the
// next ports are tried (up to PORT_ATTEMPTS in all). The URL is printed once the server listens.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4173;
const PORT_ATTEMPTS = 20;
const ROOT = resolve(import.meta.dirname, '..', 'dist');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

function readPort() {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  const text = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`Invalid port "${text}": use an integer from 1 to 65535 (--port N or PORT=N).`);
    process.exit(2);
  }
  return port;
}

/** Maps a request path to a file under ROOT, or null when it would leave ROOT. */
function resolveRequestPath(requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) {
    return null;
  }

  const relative = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  const file = join(ROOT, relative);
  return file === ROOT || file.startsWith(ROOT + sep) ? file : null;
}

function sendText(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function handleRequest(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    sendText(response, 405, 'Method not allowed: only GET and HEAD are served.\n');
    return;
  }

  const file = resolveRequestPath(request.url ?? '/');
  if (!file) {
    sendText(response, 400, 'Invalid path.\n');
    return;
  }

  let info;
  try {
    info = await stat(file);
  } catch {
    sendText(response, 404, 'Not found.\n');
    return;
  }
  if (!info.isFile()) {
    sendText(response, 404, 'Not found.\n');
    return;
  }

  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file)
    .on('error', (error) => {
      console.error(`Reading ${file} failed: ${error.message}`);
      response.destroy(error);
    })
    .pipe(response);
}

/** Listens on `port` or on the next free one. Rejects when PORT_ATTEMPTS ports in a row are taken. */
function listen(server, port, attemptsLeft) {
  return new Promise((resolvePort, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' && attemptsLeft > 1 && port < 65535) {
        console.error(`Port ${port} is in use, trying ${port + 1}.`);
        listen(server, port + 1, attemptsLeft - 1).then(resolvePort, reject);
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort(port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

async function main() {
  const requestedPort = readPort();
  try {
    await stat(join(ROOT, 'index.html'));
  } catch {
    console.error(`${join(ROOT, 'index.html')} not found. Build the page first: npx vite build`);
    process.exit(1);
  }

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error) => {
      console.error(`Serving ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) {
        sendText(response, 500, 'Internal server error.\n');
      } else {
        response.destroy();
      }
    });
  });

  let port;
  try {
    port = await listen(server, requestedPort, PORT_ATTEMPTS);
  } catch (error) {
    console.error(`Listening on ${HOST}, port ${requestedPort} or the next ${PORT_ATTEMPTS - 1}, failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`Mailsweep is served at http://${HOST}:${port}/ (from ${ROOT}). Press Ctrl+C to stop.`);

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.log(`Received ${signal}, stopping the server.`);
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}

await main();
