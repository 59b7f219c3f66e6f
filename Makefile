# The two commands people type; CMake does the work (build/).
BUILD ?= build
JOBS ?= $(shell nproc)
OUT ?= out

.PHONY: all deps test-deps build run test clean

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

clean:
	rm -rf $(BUILD) $(OUT)
