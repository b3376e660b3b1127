#!/usr/bin/env bash
# Outbound HTTPS throughput of RestClient and WebClient with secure-comms against Spring Boot's own
# HttpComponents clients configured through an SSL bundle (spring.http.clients.ssl.bundle), alternating in one
# JVM, against one local TLS server on 127.0.0.1. Prints requests/s, the ratio starter/baseline and full TLS
# handshakes per 1,000 requests. Environment: ROUNDS (5), REQUESTS per measurement (1000), WARMUP requests
# per client and side (5000), THREADS (32), CALIBRATE=1 for an A/A run (starter against a second starter
# context) that shows how far the ratios move from 1.00 by noise alone. The JDK's HTTPS server runs with TCP_NODELAY (else each response
# waits ~40 ms for a delayed ACK).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./mvnw -q -B -pl secure-comms-autoconfigure -am -DskipTests install >&2
module="$root/secure-comms-autoconfigure"
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
./mvnw -q -B -pl secure-comms-autoconfigure dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile="$classpath_file" >&2
java -Xmx1g -Dsun.net.httpserver.nodelay=true -Djava.security.properties="$module/src/test/resources/relaxed-java.security" \
	-Drounds="${ROUNDS:-5}" -Drequests="${REQUESTS:-1000}" -Dwarmup="${WARMUP:-5000}" -Dthreads="${THREADS:-32}" \
	-Dcalibrate="$([[ "${CALIBRATE:-0}" == 1 ]] && echo true || echo false)" \
	-cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
	io.securecomms.bench.ClientTlsBenchmark
