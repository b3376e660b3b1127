#!/usr/bin/env bash
# Outbound HTTPS throughput of RestClient and WebClient with secure-comms against Spring Boot's own
# HttpComponents clients configured through an SSL bundle (spring.http.clients.ssl.bundle), alternating in one
# JVM, against one local TLS server on 127.0.0.1. Prints requests/s, the ratio starter/baseline and full TLS
# handshakes per 1,000 requests. Environment: ROUNDS (5), REQUESTS per measurement (1000), WARMUP requests
# per client and side (5000), THREADS (32), CALIBRATE=1 for an A/A run (starter against a second starter
# context) that shows how far the ratios move from 1.00 by noise alone. The JDK's HTTPS server runs with TCP_NODELAY (else each response
# waits ~40 ms for a delayed ACK).
source "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh"
run_benchmark io.securecomms.bench.ClientTlsBenchmark -Dsun.net.httpserver.nodelay=true -Drounds="${ROUNDS:-5}" \
	-Drequests="${REQUESTS:-1000}" -Dwarmup="${WARMUP:-5000}" -Dthreads="${THREADS:-32}"
