# The two commands people type; CMake does the work (build/).
BUILD ?= build
JOBS ?= $(shell nproc)
OUT ?= out

.PHONY: all deps test-deps build run test test-asan fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh --test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target chiso

# Checks and imports the shipped sample, then writes the reports.
run: build
	@bash scripts/run-sample.sh $(BUILD)/chiso $(OUT)

test: test-deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same tests under AddressSanitizer and UBSan (CI runs it after `test`).
test-asan: test-deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHISO_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Every fuzz target (fuzz/, clang + libFuzzer, build-fuzz/) for FUZZ_SECONDS
# each; CI runs them for less (.ci/run). docs/testing.md says how to triage.
FUZZ_SECONDS ?= 600
fuzz: test-deps
	JOBS=$(JOBS) bash fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz $(OUT)
