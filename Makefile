# remise: `make demo` builds everything and runs the quickstart; `make test` runs every check.
# Both install what they need (rustup target, wasm-bindgen-cli, npm dev packages).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

CARGO_HOME_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
CARGO_BIN := $(CARGO_HOME_DIR)/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
WBG_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml | head -n1)
WASM_RAW := target/wasm32-unknown-unknown/release/remise.wasm
BINDGEN := target/bindgen
TARBALL := target/pack/remise-$(VERSION).tgz
# Gate on the main .wasm (gzip -9): 150 492 B, its size before issue 9, which says it must not grow.
# Issues 9-13 took it to 190 304 B; the size work brought it back to 150 366 B (ARCHITECTURE.md
# "Size"). The product target is 100 KiB.
MAX_WASM_GZ := 150492

.PHONY: setup pkg pack test demo fmt-check clippy test-rust test-wasm test-js test-types sizes clean \
  test-runtimes test-package test-www chromium xmllint www docs readme-sizes fuzz fuzz-setup bench

setup: node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WBG_VERSION)"; then \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version "$(WBG_VERSION)"; \
	fi

# npm dev packages from the committed lockfile.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# -ocimfs=75: binaryen inlines a function with one caller only when it is small. Without it, -Oz
# inlines every entry into the `call` export (one 39 KB function), which V8 compiles (lazily, Liftoff)
# on the first call of any entry; with it the first call compiles only what that entry uses, and
# the gzip size is smaller (ARCHITECTURE.md "Cold start"). 80 rather than 100 since 2026-12-06: 426 B
# smaller, no speed change measured; 30 is 1 255 B smaller but slows the converter (ARCHITECTURE.md "Size").
# 75 since the thirteenth pass: 121 B smaller than 80 on that day's module, no speed change measured.
# 35 since the fifteenth pass: 530 B smaller than 75 (the sizes do not fall steadily: 69 was 131 B
# smaller, 45 was 380 B larger); against 69, pushView 0.963x, addMany 1.011x, systempay.request 0.995x,
# payline.request 0.997x, medians of six alternating runs of bench/ab.mjs (ARCHITECTURE.md "Size").
# --low-memory-unused: binaryen may fold a constant added to a pointer into the load's offset (smaller
# code, 418 B gzip) on the promise that the first 1 KiB of memory is never used. rustc's wasm32 layout
# puts the stack first: [0, 1 MiB) is the stack, growing down, data from 1 MiB on (ARCHITECTURE.md "Size").
# --strip-producers --strip-target-features: the two custom sections left after wasm-opt drops the names
# (which tools built the module, and its features, which wasm-opt reads before it strips them); no
# runtime reads either (109 B gzip).
# --flatten --rereloop -Oz --converge (sixteenth pass): after the first -Oz, every function's control
# flow is flattened and rebuilt by binaryen's Relooper, then shrunk again: 1 052 B gzip smaller (151 077
# → 150 025 on that day's module), no speed change measured (bench/ab.mjs, six alternating runs;
# ARCHITECTURE.md "Size"). 35 stayed the best -ocimfs with it that day (15 → +162 B, 50 → +517 B).
# 32 since the seventeenth pass (the sizes jump between neighbours): on the day's last module 227 B smaller
# than 30 and 59 B smaller than 35 (25 → +252, 28 → +397, 29 → +245, 31 → +270 against 32); against 35,
# medians of five alternating runs of bench/ab.mjs: systempay.request 1.008x, payline.request 0.993x,
# parseResponse 1.009x, the converter 0.991x, addMany 1.010x, add 1.009x (ARCHITECTURE.md "Size").
# A last -Oz (eighteenth pass): 195 B gzip smaller on that day's module (150 523 → 150 328; a second one
# gave 150 698, and the -ocimfs neighbours with it 30: 150 569, 33: 150 375, 34: 150 358, 36: 150 398).
# 30 since the nineteenth pass: on that day's module 120 B smaller than 32 (150 378 against 150 498; 28:
# 150 425, 29: 150 402, 31: 150 416, 34: 150 516, 36: 150 555, 40: 150 644); speed against 32 measured
# with bench/ab.mjs (ARCHITECTURE.md "Size").
WASM_OPT_FLAGS := -Oz --converge -ocimfs=30 --low-memory-unused --strip-producers --strip-target-features --flatten --rereloop -Oz --converge -Oz

# WebAssembly features beyond rustc's default set for wasm32: fixed-width SIMD (simd128). LLVM then
# moves 16 bytes per v128 load/store (struct copies) and memchr uses its simd128 searcher: the .wasm is
# 1.25 KB gzip smaller at the same speed (ARCHITECTURE.md "Size"). Every runtime remise supports has it
# (V8 9.1+, JavaScriptCore in Bun, Safari 16.4+, Firefox 89+). The same flag is in .cargo/config.toml
# for the other wasm32 builds (clippy, test-wasm): RUSTFLAGS below replaces that file's rustflags.
# --max-memory: 65 535 pages (4 GiB less 64 KiB). talc grows the memory as it needs; reaching the
# 65 536th page, its heap end overflows 32 bits and the heap was corrupted for every later call
# (tenth pass). With the cap that growth fails and the allocation traps (ARCHITECTURE.md "Boundary").
WASM_TARGET_FEATURES := -C target-feature=+simd128 -C link-arg=--max-memory=4294901760

# Panic locations name source files: remap the machine's paths so none ships in the .wasm.

$(WASM_RAW): Cargo.toml Cargo.lock Makefile .cargo/config.toml $(shell find src -name '*.rs')
	cargo fetch --target wasm32-unknown-unknown --quiet
	remap="--remap-path-prefix=$(CURDIR)=/remise"; \
	for d in "$(CARGO_HOME_DIR)"/registry/src/*/; do remap="$$remap --remap-path-prefix=$${d%/}=/crates"; done; \
	RUSTFLAGS="$$remap $(WASM_TARGET_FEATURES)" cargo build --release --target wasm32-unknown-unknown

# pkg/ is rebuilt only from what changed: the glue and wasm-opt when the .wasm changed (stamp
# file), the assembly when pkg-template/, the build script or README.md changed.
$(BINDGEN)/.stamp: $(WASM_RAW) Makefile
	@rm -rf $(BINDGEN)
	wasm-bindgen --target web --out-dir $(BINDGEN)/web $(WASM_RAW)
	wasm-bindgen --target nodejs --out-dir $(BINDGEN)/node $(WASM_RAW)
	wasm-opt $(WASM_OPT_FLAGS) $(BINDGEN)/web/remise_bg.wasm -o $(BINDGEN)/web/remise_bg.wasm
	wasm-opt $(WASM_OPT_FLAGS) $(BINDGEN)/node/remise_bg.wasm -o $(BINDGEN)/node/remise_bg.wasm
	@touch $@

pkg/package.json: $(BINDGEN)/.stamp $(shell find pkg-template -type f) scripts/build-pkg.mjs README.md Cargo.toml
	node scripts/build-pkg.mjs $(VERSION) || { rm -f $@; exit 1; }

pkg: setup pkg/package.json
	@$(MAKE) --no-print-directory sizes

sizes:
	@echo "shipped files (raw / gzip -9 bytes):"
	@cd pkg && for f in $$(find . -type f | sort); do \
	  printf '  %-24s %8d / %7d\n' "$${f#./}" "$$(stat -c %s "$$f")" "$$(gzip -9 -c "$$f" | wc -c)"; done
	@gz=$$(gzip -9 -c pkg/web/remise_bg.wasm | wc -c); \
	  echo "main .wasm gzip: $$gz bytes (gate $(MAX_WASM_GZ), target 102400)"; \
	  test "$$gz" -le $(MAX_WASM_GZ) || { echo "FAIL: remise_bg.wasm is $$gz bytes gzipped, above the $(MAX_WASM_GZ) gate"; exit 1; }

$(TARBALL): pkg/package.json
	@mkdir -p target/pack && rm -f target/pack/*.tgz
	npm pack ./pkg --pack-destination target/pack --loglevel=error >/dev/null

pack: pkg $(TARBALL)
	@echo "packed $(TARBALL)"

fmt-check:
	cargo fmt --check

clippy: setup
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

# tests/payline_schema.rs validates every Payline envelope with xmllint (fails in CI without it).
test-rust: xmllint
	cargo test

test-wasm: setup
	cargo test --target wasm32-unknown-unknown --tests

# js-tests run against the packed tarball installed in a scratch folder, through import and require.
test-js: pack
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	  cp -r js-tests "$$scratch/js-tests" && cd "$$scratch" && \
	  echo '{"name":"remise-js-tests","private":true,"type":"module"}' > package.json && \
	  npm install --no-audit --no-fund --loglevel=error "$(CURDIR)/$(TARBALL)" && \
	  ln -s "$(CURDIR)/node_modules/typescript" node_modules/typescript && \
	  REMISE_REPO="$(CURDIR)" REMISE_TARBALL="$(CURDIR)/$(TARBALL)" node --test --test-reporter=spec js-tests/ && \
	  echo "tsc --strict (js-tests/types):" && \
	  node node_modules/typescript/bin/tsc -p js-tests/types/tsconfig.json && echo "  types ok"

# The packed tarball installed in a scratch folder with js-tests/ beside it; $(1) runs there.
define in-scratch
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	  cp -r js-tests "$$scratch/js-tests" && cd "$$scratch" && \
	  echo '{"name":"remise-scratch","private":true,"type":"module"}' > package.json && \
	  npm install --no-audit --no-fund --loglevel=error "$(CURDIR)/$(TARBALL)" && \
	  $(1)
endef

# One smoke suite in Node ESM, Node CJS, Deno, Bun, workerd and edge-runtime; one line per runtime.
test-runtimes: pack
	@echo "runtime matrix (js-tests/runtimes):"
	$(call in-scratch,REMISE_DEV_MODULES="$(CURDIR)/node_modules" node js-tests/runtimes/run.mjs)

# publint and arethetypeswrong on the tarball; tsc --strict as ESM and CJS consumers (node16, bundler).
test-package: pack
	@echo "publint:"
	@publint run "$(TARBALL)" --strict
	@echo "arethetypeswrong:"
	@attw "$(TARBALL)" --profile strict --format table-flipped --no-emoji --no-color
	@echo "tsc --strict (consumers: node16 ESM, node16 CJS, bundler, Node without the DOM lib):"
	$(call in-scratch,ln -s "$(CURDIR)/node_modules/typescript" node_modules/typescript && \
	  mkdir -p node_modules/@types && ln -s "$(CURDIR)/node_modules/@types/node" node_modules/@types/node && \
	  for p in js-tests/types/consumers/*/tsconfig.json; do \
	    node node_modules/typescript/bin/tsc -p "$$p" && echo "  $$(basename $$(dirname $$p)): types ok" || exit 1; done && \
	  echo "  the same with the current @types/node (package.json: @types/node-current):" && \
	  rm node_modules/@types/node && ln -s "$(CURDIR)/node_modules/@types/node-current" node_modules/@types/node && \
	  for p in js-tests/types/consumers/*/tsconfig.json; do \
	    node node_modules/typescript/bin/tsc -p "$$p" && echo "  $$(basename $$(dirname $$p)): types ok" || exit 1; done)

# Debian's chromium for the browser test (never Debian's binaryen: see ARCHITECTURE.md).
chromium:
	@test -x /usr/bin/chromium || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Debian's xmllint (libxml2-utils) for the Payline schema test, installed as chromium is.
xmllint:
	@command -v xmllint >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null; }

# The playground: www/ plus the web build, served on 127.0.0.1 (PORT=8080 by default).
www: pkg
	node scripts/build-www.mjs
	node scripts/serve-www.mjs target/www

# Browser tests of the playground and of the `remise batch report --html` page with headless Debian
# chromium; screenshots in out/.
test-www: pkg chromium
	node scripts/build-www.mjs
	node js-tests/browser/playground.mjs target/www
	node js-tests/browser/cli-report.mjs

# Writes the raw/gzip size table of every shipped file into README.md (and pkg/README.md) between the
# sizes markers. A manual step after a release build: make readme-sizes, then commit README.md.
readme-sizes: pkg
	node scripts/sizes.mjs --write README.md pkg/README.md

# API reference from the package's .d.ts (typedoc) into docs/api/.
docs: pkg
	typedoc --options typedoc.json
	@echo "API reference: docs/api/index.html"

# Benchmarks (issue 9; not part of `make test`): the packed tarball in a scratch folder against the JS a
# user would otherwise write, side by side, alternating rounds; writes bench/RESULTS.md and
# bench/ratios.svg (about 10 minutes on 2 shared cores). BENCH_QUICK=1: a short smoke run into target/bench/.
bench: pack
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	  ( cd "$$scratch" && echo '{"name":"remise-bench","private":true}' > package.json && \
	    npm install --no-audit --no-fund --loglevel=error "$(CURDIR)/$(TARBALL)" ) && \
	  REMISE_SCRATCH="$$scratch" node --expose-gc bench/run.mjs

test: fmt-check clippy test-rust test-wasm test-js test-runtimes test-package test-www

# The quickstart against the offline simulator (remise/simulator). The packed tarball is installed in
# examples/node_modules (not saved in examples/package.json), so `node examples/quickstart.mjs` runs
# again after an edit; its files land in out/ (both ignored by git).
demo: pack
	@rm -rf examples/node_modules/remise
	@cd examples && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$(CURDIR)/$(TARBALL)"
	node examples/quickstart.mjs

# Fuzzing (fuzz/, its own workspace: never part of `make test` or clippy). cargo-fuzz needs nightly; both
# install themselves once. Each target runs FUZZ_SECONDS, one libFuzzer process at a time (the machine is
# shared), release build with debug assertions (integer overflow is a finding), no sanitizer (the crate
# forbids unsafe code). Corpora grow in fuzz/corpus/ (seeded from tests/fixtures, see each target's
# `// seeds:` line); a finding is left in fuzz/artifacts/<target>/ and fails the run after every target ran.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= $(notdir $(basename $(wildcard fuzz/fuzz_targets/*.rs)))
FUZZ_FLAGS := -O -a -s none
fuzz-setup:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo +nightly fuzz --version >/dev/null 2>&1 || cargo +nightly install cargo-fuzz --locked || cargo +nightly install cargo-fuzz

fuzz: fuzz-setup
	cd fuzz && cargo +nightly fuzz build $(FUZZ_FLAGS)
	@cd fuzz && failed="" && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t && seeds=$$(sed -n 's|^// seeds: ||p' fuzz_targets/$$t.rs); \
	  echo "== $$t: $(FUZZ_SECONDS) s, $$(date -u +%FT%TZ), seeds: $${seeds:-none}"; \
	  cargo +nightly fuzz run $(FUZZ_FLAGS) $$t corpus/$$t $$seeds -- -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "FUZZ FINDINGS in:$$failed (see fuzz/artifacts/)"; exit 1; fi; \
	echo "fuzz: no finding in $(FUZZ_TARGETS)"

clean:
	rm -rf target pkg node_modules
