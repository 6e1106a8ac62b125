# tabi-press: the two commands a newcomer runs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/release/tabi-press

.PHONY: demo test fuzz bench build release deps deps-demo deps-test deps-bench clean serve

## demo: install what is missing, build, and run the whole chain on the bundled sample trip:
## a throwaway PostgreSQL with the sample's rows, `tabi-press nightly` (extract, offline narrator,
## build, publish into Output/ as a local folder origin). No cloud. A second run does no work.
demo: deps-demo release
	@scripts/demo-run

## test: install what is missing, start the servers the tests need, run the whole suite.
test: deps-test
	scripts/run-tests

## fuzz: run each libFuzzer target (Markdown, escapers, front matter, paths) for FUZZ_SECONDS
## (default 300) each; failing inputs go to Fuzz/Findings/. `make test` runs the short property runs.
fuzz: deps
	scripts/fuzz

## bench: the speed and memory benchmarks against their peers (figures go to bench/RESULTS.md).
bench: deps-bench release
	bench/run

build: deps
	$(SWIFT) build

# The Swift runtime linked in, as the deploy image's binary is: what the benchmarks and the
# release-binary tests run is what ships (and it starts and runs faster: no dynamic lookups of
# the runtime's symbols).
release: deps
	$(SWIFT) build -c release --product tabi-press --static-swift-stdlib

deps:
	@scripts/install-deps build

deps-demo:
	@scripts/install-deps demo

deps-test:
	@scripts/install-deps test

deps-bench:
	@scripts/install-deps bench

serve:
	python3 -m http.server --directory Output 8000

clean:
	rm -rf .build .build-fuzz
	find Output -mindepth 1 ! -name .gitignore -delete
