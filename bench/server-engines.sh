#!/usr/bin/env bash
# The server's TLS engines side by side: the same Spring MVC application on Tomcat with the starter
# (io.securecomms.bench.TomcatBenchServer) on the JDK's engines (secure.comms.server.engine=jsse) and on the
# native one (engine=openssl, BoringSSL), and `openssl s_server -www` on the same certificate and key, all on
# 127.0.0.1 at once, measured in turn (the order rotates every round) so that drift hits all alike. Once with
# an ECDSA P-256 certificate, once with an RSA 2048 one.
#
# Modes:
#   full-handshake  openssl s_time -new, FULL_CLIENTS processes: a full TLS 1.3 handshake (certificate,
#                   signature) and one request per connection, never resumed. All three servers.
#   keepalive       wrk, kept-alive connections: the record layer and HTTP. The two JVMs only (s_server -www
#                   closes after each response).
#
# Prints, per key: the medians, native/openssl and native/jsse for full handshakes, native/jsse kept alive
# (medians of the per-round ratios).
#
# SERVER=webflux measures a WebFlux application on Reactor Netty (io.securecomms.bench.WebFluxBenchServer) instead.
#
# Environment: SERVER (tomcat), KEYS ("ec rsa"), ROUNDS (5), DURATION seconds per measurement (6), WARMUP seconds (60),
# FULL_CLIENTS (4), PORT_JSSE/PORT_NATIVE/PORT_OPENSSL, JAVA_OPTS (-Xmx512m), KEEP_WORK=1 keeps logs.
set -euo pipefail

KEYS=${KEYS:-ec rsa}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-60}
FULL_CLIENTS=${FULL_CLIENTS:-4}
PORT_JSSE=${PORT_JSSE:-18443}
PORT_NATIVE=${PORT_NATIVE:-28443}
PORT_OPENSSL=${PORT_OPENSSL:-38443}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
WRK_THREADS=2
WRK_CONNECTIONS=32
SERVER=${SERVER:-tomcat}
case $SERVER in
	tomcat) main_class=io.securecomms.bench.TomcatBenchServer ;;
	webflux) main_class=io.securecomms.bench.WebFluxBenchServer ;;
	*) echo "error: SERVER must be tomcat or webflux" >&2; exit 1 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/secure-comms-engines.XXXXXX")
pids=()

# shellcheck source=tls-load.sh
source "$root/bench/tls-load.sh"

trap cleanup EXIT
trap 'exit 130' INT TERM

require_load_tools
require_free_ports "$PORT_JSSE" "$PORT_NATIVE" "$PORT_OPENSSL"
classpath=$(test_classpath)

port_of() { case $1 in jsse) echo "$PORT_JSSE" ;; native) echo "$PORT_NATIVE" ;; openssl) echo "$PORT_OPENSSL" ;; esac; }
hello() { curl -fsS --max-time 5 --cacert "$work/pki/ca.crt" "https://127.0.0.1:$1/api/hello"; }

start_jvm() { # key, engine name, engine value
	# shellcheck disable=SC2086
	java $JAVA_OPTS -Dbench.pki.dir="$work/pki" -Dbench.key="$1" -cp "$classpath" "$main_class" \
		--server.port="$(port_of "$2")" --secure.comms.server.engine="$3" \
		--management.endpoints.web.exposure.include=health,securecomms >"$work/$2-$1.log" 2>&1 &
	pids+=("$!")
	local pid=$! deadline=$((SECONDS + 120))
	until hello "$(port_of "$2")" >/dev/null 2>&1; do
		if ! kill -0 "$pid" 2>/dev/null; then tail -n 40 "$work/$2-$1.log" >&2; die "$2 exited during startup"; fi
		((SECONDS < deadline)) || { tail -n 40 "$work/$2-$1.log" >&2; die "$2 did not answer within 120 s"; }
		sleep 0.5
	done
}

engine_of() { # port -> the engine the posture endpoint names for the server connector
	curl -fsS --max-time 5 --cacert "$work/pki/ca.crt" "https://127.0.0.1:$1/actuator/securecomms" |
		grep -o '"engine":"[a-z]*"' | head -n 1 | cut -d'"' -f4
}

measure() { # mode, instance, seconds
	case $1 in
		full-handshake) measure_full "$(port_of "$2")" "$3" ;;
		keepalive) measure_wrk "$(port_of "$2")" "$3" ;;
	esac
}

results="$work/results"
summary="$work/summary"
: >"$summary"
for key in $KEYS; do
	case $key in ec) file=server-ec ;; rsa) file=server ;; *) die "KEYS: ec or rsa, not '$key'" ;; esac
	log "== $key certificate"
	start_jvm "$key" jsse jsse
	start_jvm "$key" native openssl
	[[ $(engine_of "$PORT_NATIVE") == openssl ]] || die "the native instance does not run on the native engine"
	[[ $(engine_of "$PORT_JSSE") == jsse ]] || die "the JSSE instance does not run on the JDK's engines"
	openssl s_server -accept "$PORT_OPENSSL" -cert "$work/pki/$file.crt" -key "$work/pki/$file.key" -www -quiet \
		>"$work/s_server-$key.log" 2>&1 &
	pids+=("$!")
	until (exec 3<>"/dev/tcp/127.0.0.1/$PORT_OPENSSL") 2>/dev/null; do sleep 0.2; done

	log "warm-up: ${WARMUP}s"
	warmers=()
	for port in "$PORT_JSSE" "$PORT_NATIVE"; do
		wrk -t1 -c2 -d"${WARMUP}s" "https://127.0.0.1:$port/api/hello" >/dev/null &
		warmers+=("$!")
		openssl s_time -connect "127.0.0.1:$port" -new -time "$WARMUP" -www /api/hello >/dev/null 2>&1 &
		warmers+=("$!")
	done
	for pid in "${warmers[@]}"; do wait "$pid" || true; done

	: >"$results"
	instances=(jsse native openssl)
	for round in $(seq "$ROUNDS"); do
		# Rotate the order: each instance goes first, second and third as often.
		shift_by=$(((round - 1) % 3))
		order=("${instances[@]:shift_by}" "${instances[@]:0:shift_by}")
		for mode in full-handshake keepalive; do
			for instance in "${order[@]}"; do
				[[ $mode == keepalive && $instance == openssl ]] && continue
				rate=$(measure "$mode" "$instance" "$DURATION")
				[[ -n $rate ]] || die "no result for $mode on $instance (logs: $work)"
				echo "$round $mode $instance $rate" >>"$results"
				log "$key round $round/$ROUNDS  $(printf '%-15s %-8s %10.1f /s' "$mode" "$instance" "$rate")"
			done
		done
	done
	{
		printf '%-4s %-15s %10.1f %10.1f %10s %16.2f %13.2f\n' "$key" full-handshake \
			"$(median_rate "$results" full-handshake jsse)" "$(median_rate "$results" full-handshake native)" \
			"$(printf '%.1f' "$(median_rate "$results" full-handshake openssl)")" \
			"$(paired_ratio "$results" full-handshake native openssl)" "$(paired_ratio "$results" full-handshake native jsse)"
		printf '%-4s %-15s %10.1f %10.1f %10s %16s %13.2f\n' "$key" keepalive \
			"$(median_rate "$results" keepalive jsse)" "$(median_rate "$results" keepalive native)" "-" "-" \
			"$(paired_ratio "$results" keepalive native jsse)"
	} >>"$summary"
	stop_servers
done

echo
echo "secure-comms server engines ($SERVER): the starter on jsse and openssl (BoringSSL), openssl s_server -www;"
echo "$ROUNDS rounds x ${DURATION}s, warm-up ${WARMUP}s, $(nproc) cores, $(java -version 2>&1 | head -n 1), JVM $JAVA_OPTS;"
echo "full-handshake: $FULL_CLIENTS x openssl s_time -new (TLS 1.3); keepalive: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS; medians /s:"
printf '%-4s %-15s %10s %10s %10s %16s %13s\n' key mode jsse native openssl native/openssl native/jsse
cat "$summary"
