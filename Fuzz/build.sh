#!/bin/sh
# Builds the libFuzzer targets (swiftc -sanitize=fuzzer,address) into .build/fuzz: each target is compiled together
# with the sources it exercises, as one module, so the fuzzer instruments all of them.
set -eu
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out"
core=$(find Sources/MaintenanceCore -name '*.swift' | sort)
flags="-sanitize=fuzzer,address -parse-as-library -package-name maintd -O -g
  -enable-upcoming-feature InternalImportsByDefault -enable-upcoming-feature ExistentialAny -suppress-warnings"
# The core's swift-collections modules, as SwiftPM built them for the tests (`swift build --build-tests` runs first,
# in make test and in .ci/run): their interfaces, and their code in one archive linked whole (uninstrumented).
debug=.build/debug
test -f "$debug/Modules/HashTreeCollections.swiftmodule" || swift build --product maintctl
rm -f "$out/libcollections.a"
find "$debug/HashTreeCollections.build" "$debug/InternalCollectionsUtilities.build" -name '*.o' -print0 |
    xargs -0 ar rcs "$out/libcollections.a"
flags="$flags -I $debug/Modules -L $out -Xlinker --whole-archive -lcollections -Xlinker --no-whole-archive"
# The protocol's sources, as one module with the core's: their imports of the core go.
mkdir -p "$out/protocol"
for file in Sources/MaintenanceProtocol/*.swift; do
    grep -v '^\(public \|package \)\?import MaintenanceCore$' "$file" > "$out/protocol/$(basename "$file")"
done
protocol=$(find "$out/protocol" -name '*.swift' | sort)
# The plan sheet's sources from maintctl's library, their imports of the core and the protocol taken out likewise.
mkdir -p "$out/plan-sources"
for file in Sources/MaintenanceCLI/Plan/*.swift; do
    grep -v '^\(public \|package \)\?import Maintenance\(Core\|Protocol\)$' "$file" > "$out/plan-sources/$(basename "$file")"
done
plan=$(find "$out/plan-sources" -name '*.swift' | sort)
for target in configuration calendar varlink plan; do
    case $target in
        configuration) sources="$core Fuzz/ConfigurationFuzz.swift" ;;
        calendar) sources="$core Fuzz/CalendarFuzz.swift" ;;
        varlink) sources="$core $protocol Fuzz/VarlinkFuzz.swift" ;;
        plan) sources="$core $protocol $plan Fuzz/PlanFuzz.swift" ;;
    esac
    # shellcheck disable=SC2086
    swiftc $flags -module-name Fuzz$target $sources -o "$out/$target" 2>&1 | grep -v 'Cannot export local symbol' || true
    test -f "$out/$target" && test -x "$out/$target"
done
echo "fuzz targets in $out"
