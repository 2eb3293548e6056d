#!/bin/sh
# bench/relay-chaos.sh [LETTERS_PER_WORKSTATION]: the group's day at scale, as root. Eight
# workstations of two services queue LETTERS each (default 100, as issue 17 asks) in the shared
# outbox while two relays send to the private mail server; one relay is killed (kill -9) and
# started again and PostgreSQL restarts during the run. Prints what was lost (must be 0), what
# was sent twice and what the relays reported. The CI runs the same test with 6 letters each.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${MISSIVE_BUILD:-$here/build}
MISSIVE_CHAOS_LETTERS=${1:-100} "$build/tests/relay_tests" "eight workstations*" 2>&1 |
    sed -n '/warning:/,/^$/p; /passed\|failed\|FAILED/p'
