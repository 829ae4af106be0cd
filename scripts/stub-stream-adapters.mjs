// Leptos brings wasm-streams' stream adapters (IntoUnderlyingSource, ...ByteSource, ...Sink: server_fn's browser
// feature), which the widget never uses. wasm-opt removes their exports (scripts/optimise-wasm.sh), but the
// futures their methods hand to JavaScript stay: those futures' poll functions sit in the function table, which
// no pass can prove unused. Their bodies are replaced here by `unreachable`, before wasm-opt, which then drops
// everything only they used. Measured: the first view's wasm 142.8 to 140.4 KB brotli.
// Only functions with these futures in their names: generic over the adapter's own future, their code is theirs
// alone. The build fails if none is found (wasm-streams or server_fn changed: look again).
//
// usage: node scripts/stub-stream-adapters.mjs <in.wasm> <out.wasm>   (with wasm-bindgen's function names)
import binaryen from '../node_modules/binaryen/index.js';
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: stub-stream-adapters.mjs <in.wasm> <out.wasm>');
  process.exit(2);
}
const adapterFuture =
  /^js_sys\S*::futures::future_to_promise::<.*wasm_streams\S*::(readable|writable)::into_underlying_/;

// Read with the features the module declares (its target_features section), which it is written back with.
const module = binaryen.readBinary(readFileSync(input));
let stubbed = 0;
for (let i = 0; i < module.getNumFunctions(); i++) {
  const func = module.getFunctionByIndex(i);
  const { name, base } = binaryen.getFunctionInfo(func);
  if (!base && adapterFuture.test(name)) {
    binaryen.Function.setBody(func, module.unreachable());
    stubbed++;
  }
}
if (stubbed === 0) {
  console.error(`${input}: no stream adapter's future found to stub`);
  process.exit(1);
}
writeFileSync(output, module.emitBinary());
module.dispose();
