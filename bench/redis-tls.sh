#!/usr/bin/env bash
# Redis over TLS with secure-comms against Spring Boot's own Lettuce TLS (the same spring.data.redis.ssl.bundle,
# secure.comms.enabled=false), alternating in one JVM, against one redis-server with TLS on localhost
# (certificate from a generated CA). Measures SET+GET operations/s sequentially and from THREADS concurrent
# callers on Boot's shared Lettuce connection; prints the medians, the ratio starter/baseline and the new TLS
# connections (full handshakes) per 1,000 operations. Needs redis-server (Debian package redis-server).
# Environment: ROUNDS (7), OPERATIONS per measurement (20000), THREADS (16), CALIBRATE=1 for an A/A run.
source "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh"
run_benchmark io.securecomms.bench.RedisTlsBenchmark -Drounds="${ROUNDS:-7}" -Doperations="${OPERATIONS:-20000}" \
	-Dthreads="${THREADS:-16}"
