#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for N seconds (default 60).
#
#   ./run.sh [seconds] [target ...]        targets: fuzz-csv fuzz-parsers (default: both)
#   ASAN=1 ./run.sh 60                     also AddressSanitizer (scratch path .build-asan)
#
# New corpus entries go to .work/corpus/<target>/ (ignored by git); the seeds in
# corpus/<target>/ are only read. Findings are written to artifacts/<target>/
# (crash-*, timeout-*, oom-*, leak-*). Exits non-zero when any target finds something.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(fuzz-csv fuzz-parsers); fi

scratch=.build
sanitizers=(--sanitize fuzzer)
suffix=""
if [ "${ASAN:-0}" = "1" ]; then
    scratch=.build-asan
    sanitizers=(--sanitize fuzzer --sanitize address)
    suffix="-asan"
fi

swift build -c debug "${sanitizers[@]}" --scratch-path "$PWD/$scratch"
bin="$(swift build -c debug "${sanitizers[@]}" --scratch-path "$PWD/$scratch" --show-bin-path)"

# Swift's own backtracer would take the crash signal from libFuzzer, which then writes no crash file.
export SWIFT_BACKTRACE=enable=no

status=0
for t in "${targets[@]}"; do
    mkdir -p ".work/corpus/$t" "artifacts/$t$suffix" .work/logs
    log=".work/logs/$t$suffix.log"
    echo "== $t: ${seconds}s (log: $log)"
    set +e
    "$bin/$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t$suffix/" \
        ".work/corpus/$t" "corpus/$t" >"$log" 2>&1
    rc=$?
    set -e
    grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$log" || true
    findings=$(find "artifacts/$t$suffix" -type f | wc -l)
    if [ $rc -ne 0 ] || [ "$findings" -ne 0 ]; then
        echo "!! $t: exit code $rc, findings in artifacts/$t$suffix/:"
        find "artifacts/$t$suffix" -type f
        grep -E 'Fatal error|ERROR: |SUMMARY' "$log" | head -5 || true
        status=1
    else
        echo "ok $t: no findings"
    fi
done
exit $status
