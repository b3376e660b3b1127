# Sourced by the Java benchmarks: builds the autoconfigure module with its test classes and runs a benchmark
# main class on the test class path, with the JVM's TLS restrictions relaxed as in the tests.
# Usage: run_benchmark <main class> [JVM options...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

run_benchmark() {
	local main_class=$1
	shift
	cd "$root"
	./mvnw -q -B -pl secure-comms-autoconfigure -am -DskipTests install >&2
	local module="$root/secure-comms-autoconfigure"
	# Global, not local: the EXIT trap runs after the function has returned.
	classpath_file=$(mktemp)
	trap 'rm -f "$classpath_file"' EXIT
	./mvnw -q -B -pl secure-comms-autoconfigure dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$classpath_file" >&2
	java -Xmx1g -Djava.security.properties="$module/src/test/resources/relaxed-java.security" \
		-Dcalibrate="$([[ "${CALIBRATE:-0}" == 1 ]] && echo true || echo false)" "$@" \
		-cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" "$main_class"
}
