#!/usr/bin/env bash
# The JDK HttpClient built with its defaults (HttpClient.newHttpClient()) on the JVM default SSL context secure-comms
# installs, against one built with a plain SSLContext from the same SSL bundle (the JVM's own TLS, same trust),
# alternating in one JVM, against one local TLS server on 127.0.0.1. Keep-alive and new-connection (Connection:
# close, every request opens a connection and resumes the TLS session) variants. Prints requests/s, the ratio
# starter/baseline and full TLS handshakes per 1,000 requests. Environment: ROUNDS (7), REQUESTS per
# measurement (1000), WARMUP requests per variant and side (3000), CALIBRATE=1 for an A/A run.
# The JDK's HTTPS server runs with TCP_NODELAY (else each response waits ~40 ms for a delayed ACK); the client
# may send "Connection: close" (a restricted header otherwise).
source "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh"
run_benchmark io.securecomms.bench.JdkHttpClientBenchmark -Dsun.net.httpserver.nodelay=true \
	-Djdk.httpclient.allowRestrictedHeaders=connection -Drounds="${ROUNDS:-7}" -Drequests="${REQUESTS:-1000}" \
	-Dwarmup="${WARMUP:-3000}"
