// Serves the host pages of end2end/hosts/ on several origins at once, as member websites would:
// 8091 = Coordination SUD's site, 8092 = ABONG's site, 8093 = a site that is not in the registry.
// `{{ENDPOINT}}` in a page becomes the endpoint's origin, `{{MEMBER}}` the member id of the site, `{{LANG}}`
// the site's language.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const endpoint = process.env.ENDPOINT || 'http://127.0.0.1:8090';
const ports = (process.env.HOST_PORTS || '8091,8092,8093').split(',').map(Number);
// The README's minimal policy for a host page, with a strict style-src on top.
const strictPolicy =
  `default-src 'none'; script-src ${endpoint} 'wasm-unsafe-eval'; connect-src ${endpoint}; style-src 'self'`;
const root = new URL('./hosts/', import.meta.url).pathname;
// Which member each site belongs to (8093 claims Coordination SUD but is not one of its registered origins).
const members = { 8091: 'coordination-sud', 8092: 'abong', 8093: 'coordination-sud' };
// The language of each site's pages: ABONG's Brazilian site is in Portuguese.
const langs = { 8091: 'fr', 8092: 'pt', 8093: 'fr' };

for (const port of ports) {
  createServer(async (request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = (await readFile(file, 'utf8')).replaceAll('{{ENDPOINT}}', endpoint)
        .replaceAll('{{MEMBER}}', members[port] || 'coordination-sud').replaceAll('{{LANG}}', langs[port] || 'fr');
      const headers = { 'content-type': 'text/html; charset=utf-8' };
      // strict*.html: the policy of a locked-down government site, what the README asks for and nothing more.
      if (path.startsWith('/strict')) headers['content-security-policy'] = strictPolicy;
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }).listen(port, '127.0.0.1');
}
console.log(`host pages on ports ${ports.join(', ')}`);
