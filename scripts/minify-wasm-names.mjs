// Renames a wasm-bindgen glue's imports and exports as `wasm-opt --minify-imports-and-exports-and-modules`
// renamed them in its module (scripts/optimise-wasm.sh), in place:
//   node scripts/minify-wasm-names.mjs <mapping.json> <glue.js>
// The mapping is what that pass prints: {"imports": [[module, name, new], ...], "exports": [[name, new], ...]}.
// wasm-bindgen names each import after its Rust binding plus a 16-digit hash (`__wbg_setAttribute_f75317b2…`)
// and each closure's export after its whole type: in the module and again in the glue, and the hashes do not
// compress. The glue must be wasm-bindgen's own, not yet minified: its imports are the keys of one object per
// module, and it reaches every export as `wasm.<name>`. Anything not found, or found where it should not be,
// stops the build rather than ship a glue that does not fit its module.
// It also drops what the glue holds for nothing: the imports the module no longer has (wasm-opt removed the
// code that called them), and the classes of wasm-streams' stream adapters, whose exports optimise-wasm.sh
// removed (Leptos links them; the widget never uses them).
import fs from 'node:fs';

const [mappingFile, glueFile] = process.argv.slice(2);
if (!mappingFile || !glueFile) {
  console.error('usage: minify-wasm-names.mjs <mapping.json> <glue.js>');
  process.exit(2);
}
const fail = (message) => {
  console.error(`minify-wasm-names: ${glueFile}: ${message}`);
  process.exit(1);
};
const mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8'));
let glue = fs.readFileSync(glueFile, 'utf8');
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The glue writes the new names as unquoted property names: each must be an identifier.
const identifier = /^[A-Za-z_$][\w$]*$/;

// The adapters' classes (each with its `Symbol.dispose` line) and their finalization registries.
const adapters = /^export class (IntoUnderlying\w*) \{\n[\s\S]*?\n\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
glue = glue.replace(adapters, '');
glue = glue.replace(/^const IntoUnderlying\w*Finalization = [\s\S]*?;\n/gm, '');
if (/intounderlying/i.test(glue)) fail('the stream adapters are still in the glue');

// Imports: `<name>: function(` in the object the glue hands over for their module, once each. The pass moves
// every import into one module, "a": the glue must have had one too (wasm-bindgen's `./<name>_bg.js`).
const modules = new Set(mapping.imports.map(([module]) => module));
if (modules.size !== 1) fail(`imports from ${modules.size} modules, where one was expected`);
for (const [, name, renamed] of mapping.imports) {
  if (!identifier.test(renamed)) fail(`import ${name} renamed to ${renamed}, not a property name`);
  const key = new RegExp(`^(\\s+)${escape(name)}: function\\(`, 'gm');
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`import ${name} defined ${found} times`);
  glue = glue.replace(key, `$1${renamed}: function(`);
}
// An import the module no longer has: its whole entry, to the first line back at the key's indent (`},`, or
// `}, arguments); },` for one that catches exceptions).
const imported = new Set(mapping.imports.map(([, , renamed]) => renamed));
glue = glue.replace(/^( {8})([A-Za-z_$][\w$]*): function\(.*\{\n(?:\1 {4}.*\n|\n)*?\1\}.*,\n/gm, (entry, _, name) =>
  imported.has(name) ? entry : '');
for (const renamed of imported) {
  const found = glue.match(new RegExp(`^ {8}${escape(renamed)}: function\\(`, 'gm'))?.length ?? 0;
  if (found !== 1) fail(`import ${renamed} defined ${found} times once the unused ones are gone`);
}
const [module] = modules;
const handedOver = new RegExp(`^(\\s+)"${escape(module)}": (import\\d+),$`, 'gm');
const handed = glue.match(handedOver)?.length ?? 0;
if (handed !== 1) fail(`module ${module} handed over ${handed} times`);
glue = glue.replace(handedOver, '$1"a": $2,');

// Exports: every `wasm.<name>`.
const exports = new Map(mapping.exports);
for (const renamed of exports.values()) {
  if (!identifier.test(renamed)) fail(`an export renamed to ${renamed}, not a property name`);
}
const unknown = new Set();
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
  const renamed = exports.get(name);
  if (renamed === undefined) unknown.add(name);
  return `wasm.${renamed}`;
});
if (unknown.size) fail(`the glue calls exports the module does not have: ${[...unknown].join(', ')}`);
fs.writeFileSync(glueFile, glue);
