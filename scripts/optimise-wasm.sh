#!/bin/sh
# Optimises a release module for what travels, in place, with its JS glue (wasm-bindgen's output, with its
# function names; the glue not yet minified): scripts/write-loader.sh runs it on the widget's module,
# scripts/build-on-demand.sh on the on-demand ones.
# 1. wasm-streams' stream adapters, which Leptos links and the widget never uses, are stubbed
#    (scripts/stub-stream-adapters.mjs).
# 2. wasm-opt's -Os pipeline twice: 3 % more raw bytes than -Oz but fewer once brotli-compressed (198.0 against
#    199.4 KB). Between the two, the adapters' exports go: an export keeps its code (and what it calls) in the
#    module; wasm-bindgen's glue still defines their classes but nothing creates them (1.4 KB brotli less).
#    Both with `--low-memory-unused`: wasm-opt may fold a constant added to a pointer into the load's or store's
#    offset, which is sound when no address below 1 KiB is used. Rust's wasm modules put the stack first, growing
#    down from 1 MiB towards 0, with statics and the heap above it: the low 1 KiB is only reached by a stack 1023
#    KiB deep (first view 128,458 to 127,528 B by scripts/size.sh; Emscripten's own pipeline passes it too).
# 3. The functions laid out so that each is followed by the one most like it (scripts/name-by-likeness.mjs names
#    them in that order, wasm-opt sorts them by name and drops the names), and each function's locals sorted by
#    use: the same code, smaller once compressed (first view 162.0 to 159.9 KB, against the functions sorted by
#    their Rust names, 171.3 to 169.2 KB against the compiler's order).
# 4. Imports and exports renamed to a letter or two, and the glue with them (scripts/minify-wasm-names.mjs):
#    wasm-bindgen names them after their Rust bindings with a hash that does not compress, in both files.
# wasm-opt is npm's binaryen (scripts/setup.sh): Debian's writes broken modules. It reads the features it may use
# from the module's target_features section.
set -eu
wasm="${1:?usage: optimise-wasm.sh <module.wasm> <glue.js>}"
glue="${2:?usage: optimise-wasm.sh <module.wasm> <glue.js>}"
node scripts/stub-stream-adapters.mjs "$wasm" "$wasm.stubbed"
wasm-opt -Os --low-memory-unused --remove-exports --pass-arg='remove-exports@*intounderlying*' -Os --low-memory-unused \
  "$wasm.stubbed" -o "$wasm.optimised"
node scripts/name-by-likeness.mjs "$wasm.optimised" "$wasm.named"
wasm-opt "$wasm.named" --reorder-functions-by-name --reorder-locals -o "$wasm.ordered"
# The pass prints its renaming: what the glue needs to follow.
wasm-opt "$wasm.ordered" --minify-imports-and-exports-and-modules -o "$wasm" > "$wasm.names.json"
node scripts/minify-wasm-names.mjs "$wasm.names.json" "$glue"
rm "$wasm.stubbed" "$wasm.optimised" "$wasm.named" "$wasm.ordered" "$wasm.names.json"
