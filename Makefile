# Thin wrapper for the README commands; the build itself lives in CMake.
#
#   make demo     install missing packages, build, index corpus/, run searches
#   make test     install missing packages, build, run the whole test suite
#   make install  install the programs (PREFIX, default /usr/local)
#
# SANITIZE=1 builds in build-sanitize/ with AddressSanitizer and
# UndefinedBehaviorSanitizer. Under CI (CI=true) warnings are errors.

BUILD ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

ifeq ($(SANITIZE),1)
BUILD := build-sanitize
CMAKE_FLAGS += -DDOCKET_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
endif
ifeq ($(CI),true)
CMAKE_FLAGS += -DDOCKET_WERROR=ON
endif

# Debian packages the build and the demo need; the tests also need
# chromium and nodejs, for the browser test of docket-serve's page.
PACKAGES = cmake make gcc g++ pkg-config python3 \
	libxapian-dev xapian-tools zlib1g-dev check \
	libxml2-dev libzip-dev libjansson-dev antiword \
	libmicrohttpd-dev
TEST_PACKAGES = chromium nodejs

DEMO_INDEX = $(or $(DOCKET_INDEX),$(or $(XDG_DATA_HOME),$(HOME)/.local/share)/docket/index)

# make fuzz: each libFuzzer harness for FUZZ_SECONDS (default 60), two at
# a time; new crashes are written to build-fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES = text markdown html docx zip gzip query

.PHONY: all deps test-deps install-missing build demo test install clean fuzz

all: build

# Install the packages that are missing: with apt-get as root, otherwise
# print the exact command and stop.
deps:
	@$(MAKE) --no-print-directory install-missing WANTED="$(PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory install-missing WANTED="$(PACKAGES) $(TEST_PACKAGES)"

install-missing:
	@missing=""; \
	for p in $(WANTED); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "Installing missing packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing packages:$$missing" >&2; \
	    echo "Install them with:" >&2; \
	    echo "  sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/docket-index -d "$(DEMO_INDEX)" corpus
	@echo
	@echo '$$ docket-search "security bootstrapping"'
	@$(BUILD)/docket-search -d "$(DEMO_INDEX)" --limit 3 "security bootstrapping"
	@echo
	@echo '$$ docket-search --facets=status,company doc:SEC-2014-0059'
	@$(BUILD)/docket-search -d "$(DEMO_INDEX)" --facets=status,company doc:SEC-2014-0059
	@echo
	@echo '$$ docket-search --limit 3 "type:action status:open"'
	@$(BUILD)/docket-search -d "$(DEMO_INDEX)" --limit 3 type:action status:open

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

install: build
	cmake --install $(BUILD)

fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang: apt-get install clang" >&2; exit 1; }
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DDOCKET_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz -j $(JOBS)
	build-fuzz/docket-index -q -d build-fuzz/query-index corpus
	mkdir -p build-fuzz/crashes
	cd build-fuzz && for h in $(FUZZ_HARNESSES); do \
	  mkdir -p corpus-$$h && cp -n ../tests/fuzz/inputs/$$h/* corpus-$$h/ 2>/dev/null; \
	  echo "DOCKET_FUZZ_INDEX=query-index LSAN_OPTIONS=suppressions=../tests/fuzz/lsan.supp tests/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=20 -artifact_prefix=crashes/$$h- corpus-$$h"; \
	done | xargs -P 2 -I{} sh -c '{} 2>&1 | tail -n 3'

clean:
	rm -rf build build-sanitize build-fuzz

# make bench: measure docket against omindex/quest, SQLite FTS5 and rg on a
# corpus of BENCH_SIZE bytes (decimal units: 100M, 1G) generated from
# ../shared/corpus, then write bench/results/BENCH_SIZE.json and the results
# section of docs/benchmarks.md. The corpus, indexes and logs go to
# BENCH_WORK; the corpus is kept for the next run, make bench-clean removes
# it. BENCH_FLAGS passes more options to bench/run.py (--profile, --keep,
# --rg-runs=N; see python3 bench/run.py --help).
BENCH_SIZE ?= 100M
BENCH_RUNS ?= 20
BENCH_WORK ?= $(BUILD)/bench
BENCH_FLAGS ?=

# Debian packages make bench needs besides PACKAGES; installed without
# recommended packages, because xapian-omega recommends a web server.
BENCH_PACKAGES = xapian-omega xapian-tools sqlite3 ripgrep time python3

.PHONY: bench bench-deps bench-clean

bench-deps:
	@missing=""; \
	for p in $(BENCH_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "Installing missing packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing packages:$$missing" >&2; \
	    echo "Install them with:" >&2; \
	    echo "  sudo apt-get install -y --no-install-recommends$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

bench: bench-deps
	@if [ "$(SANITIZE)" = 1 ]; then \
	  echo "make bench measures the optimised build; run it without SANITIZE=1" >&2; \
	  exit 1; \
	fi
	$(MAKE) build
	python3 bench/run.py --size $(BENCH_SIZE) --runs $(BENCH_RUNS) \
	  --bin $(BUILD) --work $(BENCH_WORK) \
	  --command "make bench BENCH_SIZE=$(BENCH_SIZE) BENCH_RUNS=$(BENCH_RUNS)$(if $(BENCH_FLAGS), BENCH_FLAGS='$(BENCH_FLAGS)')" \
	  $(BENCH_FLAGS)

bench-clean:
	rm -rf $(BENCH_WORK)
