#!/usr/bin/env bash
# Builds the fuzz targets (clang, libFuzzer, ASan + UBSan, in build-fuzz/)
# and runs each for SECONDS over its committed seed corpus.
#   usage: fuzz/run.sh SECONDS [TARGET...]      (TARGET: document, delimited, …)
# New inputs that reach new code go to build-fuzz/corpus/TARGET (not
# committed: copy a good one into fuzz/corpus/TARGET by hand); an input that
# crashes, hangs or breaks a target's check is saved as
# build-fuzz/findings/TARGET-crash-… (or -timeout-, -oom-, -leak-) and the
# script exits 1 after running every target. A build failure exits 2. See
# docs/testing.md for triage.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
all_targets=(document delimited xlsx docx number period expr plan plan_cache units_file cells)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
build=${FUZZ_BUILD:-build-fuzz}

if [[ ! -f $build/build.ninja ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
    -DCHISO_FUZZ=ON -DCHISO_TESTS=OFF -DCHISO_STATIC_DEPS=OFF >/dev/null || exit 2
fi
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target fuzz_targets || exit 2

# The longest input tried: an XLSX sheet or DOCX body of a real appendix is
# tens of KB; the rest are lines and cells.
max_len() {
  case $1 in
    document | delimited | xlsx | docx | units_file) echo 131072 ;;
    plan) echo 65536 ;;
    *) echo 4096 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
mkdir -p "$build/findings"
failed=()
summary=()
for target in "${targets[@]}"; do
  program=$build/${target}_fuzz
  if [[ ! -x $program ]]; then
    echo "fuzz: no target '$target' (known: ${all_targets[*]})" >&2
    exit 2
  fi
  work=$build/corpus/$target
  mkdir -p "$work"
  log=$build/findings/$target.log
  echo "fuzz: $target for ${seconds}s (seeds fuzz/corpus/$target, log $log)"
  # The work corpus first: libFuzzer adds new inputs to the first folder
  # only, so the committed seeds are read, never written.
  "$program" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
    -print_final_stats=1 -artifact_prefix="$build/findings/$target-" \
    "$work" "fuzz/corpus/$target" >"$log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
  if ((status != 0)); then
    failed+=("$target")
    summary+=("$(printf '%-11s FOUND SOMETHING (exit %d), %s runs; see %s' "$target" "$status" "${runs:-?}" "$log")")
    tail -n 40 "$log" >&2
  else
    summary+=("$(printf '%-11s ok, %s runs in %ss' "$target" "${runs:-?}" "$seconds")")
  fi
done

echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: findings in ${failed[*]}: inputs in $build/findings/ (docs/testing.md says how to triage)" >&2
  exit 1
fi
