#!/usr/bin/env bash
# JDBC over TLS with secure-comms against plain pgjdbc (sslmode=verify-full, sslrootcert), alternating in one
# JVM, against one embedded PostgreSQL with TLS on localhost (certificate from a generated CA). Measures new
# connections/s (each opened, used for one SELECT 1 and closed: TCP, TLS handshake, startup) and pooled
# SELECT 1/s through the starter's HikariCP pool and a plain HikariCP pool of the same size. Prints the
# medians, the ratio starter/baseline, the TLS version and suite of each side and how many handshakes resumed.
# Environment: ROUNDS (7), CONNECTIONS per measurement (200), QUERIES per measurement (20000), THREADS for the
# pooled queries (8), CALIBRATE=1 for an A/A run (starter against a second starter context) that shows how far
# the ratios move from 1.00 by noise alone.
source "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh"
run_benchmark io.securecomms.bench.JdbcTlsBenchmark -Drounds="${ROUNDS:-7}" -Dconnections="${CONNECTIONS:-200}" \
	-Dqueries="${QUERIES:-20000}" -Dthreads="${THREADS:-8}"
