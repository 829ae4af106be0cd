// Names a wasm module's functions in an order where each is followed by the one most like it, for
// `wasm-opt --reorder-functions-by-name` to lay them out so (scripts/optimise-wasm.sh). brotli then finds
// each function's likeness a short distance back, and the module compresses better than with the functions in
// the compiler's order or sorted by their Rust names. Nothing else changes: the names go with wasm-opt's output.
//
// Likeness: the share of MinHash signatures (128 hashes of every run of 4 bytes of the function's code) two
// functions have in common, which estimates how many runs of bytes they share. The order is greedy: from the
// largest function, the most alike among those not yet placed, then the most alike to that one, and so on.
//
// usage: node scripts/name-by-likeness.mjs <in.wasm> <out.wasm>
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: name-by-likeness.mjs <in.wasm> <out.wasm>');
  process.exit(2);
}
const bytes = readFileSync(input);
const SHINGLE = 4;
const HASHES = 128;

/** An unsigned LEB128 at `at`: [value, the offset after it]. */
function leb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** Skips a name (a length and that many bytes). */
function skipName(at) {
  const [length, start] = leb(at);
  return start + length;
}

/** Skips a table's or a memory's limits. */
function skipLimits(at) {
  const flags = bytes[at++];
  [, at] = leb(at);
  if (flags & 1) [, at] = leb(at);
  return at;
}

if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) {
  console.error(`${input}: not a wasm module`);
  process.exit(1);
}

// The sections, and what we need of them: how many functions are imported, and each defined function's code.
const sections = [];
let importedFunctions = 0;
const bodies = [];
for (let at = 8; at < bytes.length;) {
  const id = bytes[at];
  const [size, payload] = leb(at + 1);
  const end = payload + size;
  let name = '';
  if (id === 0) {
    const [length, start] = leb(payload);
    name = bytes.subarray(start, start + length).toString('utf8');
  }
  sections.push({ id, name, start: at, end });
  if (id === 2) {
    let [count, p] = leb(payload);
    for (; count > 0; count--) {
      p = skipName(skipName(p));
      const kind = bytes[p++];
      if (kind === 0) {
        importedFunctions++;
        [, p] = leb(p);
      } else if (kind === 1) {
        p = skipLimits(p + 1);
      } else if (kind === 2) {
        p = skipLimits(p);
      } else if (kind === 3) {
        p += 2;
      } else if (kind === 4) {
        [, p] = leb(p + 1);
      } else {
        console.error(`${input}: an import of unknown kind ${kind}`);
        process.exit(1);
      }
    }
  }
  if (id === 10) {
    let [count, p] = leb(payload);
    for (; count > 0; count--) {
      const [length, start] = leb(p);
      bodies.push(bytes.subarray(start, start + length));
      p = start + length;
    }
  }
  at = end;
}

// MinHash signatures: for each of HASHES hash functions, the least hash of the function's runs of bytes.
const multipliers = Uint32Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const signatures = new Uint32Array(bodies.length * HASHES).fill(0xffffffff);
bodies.forEach((body, f) => {
  const signature = signatures.subarray(f * HASHES, (f + 1) * HASHES);
  // (A body shorter than a run is one run, padded with zeros.)
  for (let i = 0; i + SHINGLE <= Math.max(body.length, SHINGLE); i++) {
    let run = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE; j++) run = Math.imul(run ^ (body[j] ?? 0), 0x01000193);
    for (let h = 0; h < HASHES; h++) {
      const hash = Math.imul(run, multipliers[h]) >>> 0;
      if (hash < signature[h]) signature[h] = hash;
    }
  }
});

// The greedy chain.
const placed = new Uint8Array(bodies.length);
const order = [];
let current = bodies.reduce((largest, body, f) => (body.length > bodies[largest].length ? f : largest), 0);
for (;;) {
  placed[current] = 1;
  order.push(current);
  if (order.length === bodies.length) break;
  const mine = current * HASHES;
  let best = -1;
  let bestShared = -1;
  for (let f = 0; f < bodies.length; f++) {
    if (placed[f]) continue;
    const theirs = f * HASHES;
    let shared = 0;
    for (let h = 0; h < HASHES; h++) if (signatures[mine + h] === signatures[theirs + h]) shared++;
    if (shared > bestShared) {
      bestShared = shared;
      best = f;
    }
  }
  current = best;
}

// A name section whose function names sort in that order, listed by function index as the format wants (any
// name section the module had is left out).
const width = String(order.length).length;
const rank = new Uint32Array(bodies.length);
order.forEach((f, r) => {
  rank[f] = r;
});
const functionNames = [...encodeLeb(bodies.length)];
bodies.forEach((_, f) => {
  const name = Buffer.from(`f${String(rank[f]).padStart(width, '0')}`);
  functionNames.push(...encodeLeb(importedFunctions + f), ...encodeLeb(name.length), ...name);
});
const sectionName = Buffer.from('name');
const subsection = [1, ...encodeLeb(functionNames.length), ...functionNames];
const payload = [...encodeLeb(sectionName.length), ...sectionName, ...subsection];
const nameSection = Buffer.from([0, ...encodeLeb(payload.length), ...payload]);

const kept = sections.filter((section) => !(section.id === 0 && section.name === 'name'));
const parts = [bytes.subarray(0, 8), ...kept.map((section) => bytes.subarray(section.start, section.end)), nameSection];
writeFileSync(output, Buffer.concat(parts));
