// Static server of the load-time benchmark (bench/load-time.bench.ts), so both sides are served the same way:
// 8095 = the files, brotli at quality 11 as a CDN would serve them: the widget build (dist/) under /widget/,
// SurveyJS from node_modules under /surveyjs/; 8096 = the two host pages, another origin, as a member's site.
// `{{STATIC}}` in a page becomes the files' origin, `{{ENDPOINT}}` the endpoint's, `{{SURVEY_JSON}}` the
// SurveyJS definition of our questionnaire, built from the endpoint's on the first request for the page.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { surveyJson } from './surveyjs-survey.mjs';

const endpoint = process.env.ENDPOINT || 'http://127.0.0.1:8090';
const staticPort = Number(process.env.STATIC_PORT || 8095);
const hostPort = Number(process.env.HOST_PORT || 8096);
const staticOrigin = `http://127.0.0.1:${staticPort}`;
const lang = 'fr';

const here = new URL('.', import.meta.url).pathname;
const dist = join(here, '../../dist');
const modules = join(here, '../node_modules');
const types = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8', '.json': 'application/json',
};
const compress = promisify(brotliCompress);
const brotli = (body, type) => compress(body, { params: {
  [constants.BROTLI_PARAM_QUALITY]: 11,
  [constants.BROTLI_PARAM_MODE]: type === 'application/wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
  [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
} });

// path -> { type, body (brotli) }, compressed once: a request costs what reading memory costs, on both sides.
const files = new Map();
async function add(path, file) {
  const type = types[extname(file)] || 'application/octet-stream';
  files.set(path, { type, body: await brotli(readFileSync(file), type) });
}

// Every file of the widget build as it is now (the loader names this build's glue and wasm), and the SurveyJS
// files a page using its plain-script build loads.
const jobs = readdirSync(dist).filter((name) => !name.startsWith('.') && statSync(join(dist, name)).isFile())
  .map((name) => add(`/widget/${name}`, join(dist, name)));
for (const file of ['survey-core/survey.core.min.js', 'survey-core/i18n/french.min.js', 'survey-js-ui/survey-js-ui.min.js',
  'survey-core/survey-core.fontless.min.css']) {
  jobs.push(add(`/surveyjs/${file.split('/').pop()}`, join(modules, file)));
}
await Promise.all(jobs);

const pages = new Map();
async function page(name) {
  if (!pages.has(name)) {
    pages.set(name, (async () => {
      let html = readFileSync(join(here, 'pages', name), 'utf8').replaceAll('{{STATIC}}', staticOrigin)
        .replaceAll('{{ENDPOINT}}', endpoint);
      if (html.includes('{{SURVEY_JSON}}')) {
        const get = async (path) => {
          const response = await fetch(`${endpoint}${path}`);
          if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
          return response.json();
        };
        const json = surveyJson(await get('/api/v1/questionnaire'), (await get('/api/v1/members')).members, lang);
        // `<` escaped so no text of the questionnaire can close the inline script.
        html = html.replace('{{SURVEY_JSON}}', JSON.stringify(json).replaceAll('<', '\\u003c'));
      }
      return { type: types['.html'], body: await brotli(Buffer.from(html), types['.html']) };
    })());
    // A failed build (endpoint not up yet) is retried on the next request.
    pages.get(name).catch(() => pages.delete(name));
  }
  return pages.get(name);
}

function send(response, { type, body }) {
  response.writeHead(200, {
    'content-type': type,
    'content-encoding': 'br',
    'content-length': body.length,
    'vary': 'accept-encoding',
    'access-control-allow-origin': '*',
    // Every run is a first visit: nothing may be kept between runs.
    'cache-control': 'no-store',
  }).end(body);
}

function warnWithoutBrotli(request) {
  if (!/\bbr\b/.test(request.headers['accept-encoding'] || '')) {
    console.error(`static-server: ${request.url} requested without br in accept-encoding; sent brotli anyway`);
  }
}

createServer((request, response) => {
  const path = new URL(request.url, 'http://x').pathname;
  // Playwright's readiness check: every file is compressed by now.
  if (path === '/healthz') {
    response.writeHead(204).end();
    return;
  }
  const file = files.get(path);
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('not found');
    return;
  }
  warnWithoutBrotli(request);
  send(response, file);
}).listen(staticPort, '127.0.0.1');

createServer(async (request, response) => {
  const path = new URL(request.url, 'http://x').pathname;
  if (!/^\/[a-z-]+\.html$/.test(path) || !readdirSync(join(here, 'pages')).includes(path.slice(1))) {
    response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  try {
    warnWithoutBrotli(request);
    send(response, await page(path.slice(1)));
  } catch (error) {
    response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
  }
}).listen(hostPort, '127.0.0.1');

console.log(`files on ${staticOrigin} (${files.size}), host pages on http://127.0.0.1:${hostPort}`);
