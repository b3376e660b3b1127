#!/usr/bin/env bash
# HTTPS throughput of the sample app with secure-comms (instance A, "starter") against the same app with
# secure.comms.enabled=false (instance B, "baseline"). Both run at once, with the same development PKI, on
# 127.0.0.1 only, and are measured in turn (A,B then B,A, ...) so that drift hits both alike.
#
# Modes:
#   keepalive       wrk, kept-alive connections: TLS record layer + HTTP cost.
#   new-connection  wrk with "Connection: close": a new TCP+TLS connection per request. wrk (OpenSSL)
#                   resumes its TLS 1.3 session, so these are PSK+ECDHE handshakes without certificates.
#   full-handshake  openssl s_time -new, FULL_CLIENTS processes: a full TLS handshake (certificate,
#                   signature) per request, never resumed.
#
# Servers: SERVER=tomcat (default) measures the sample app (a servlet app on Tomcat); SERVER=webflux measures a
# WebFlux application on Reactor Netty (io.securecomms.bench.WebFluxBenchServer, run from the test class path),
# SERVER=jetty a Spring MVC application on Jetty (io.securecomms.bench.JettyBenchServer), the same way: starter
# against secure.comms.enabled=false.
#
# Environment: SERVER (tomcat), MODES ("keepalive new-connection"; add full-handshake for the third, ~50 s more), ROUNDS (5),
# DURATION seconds per measurement (6), WARMUP seconds of load on both instances at once (60),
# FULL_CLIENTS (4), PORT_A/PORT_B, MGMT_A/MGMT_B, REDIRECT_A, JAVA_OPTS (-Xmx512m), KEEP_WORK=1 keeps logs,
# CALIBRATE=1 (both instances run the baseline: an A/A run that shows the noise floor).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-60}
FULL_CLIENTS=${FULL_CLIENTS:-4}
PORT_A=${PORT_A:-18443}
PORT_B=${PORT_B:-28443}
MGMT_A=${MGMT_A:-19443}
MGMT_B=${MGMT_B:-29443}
REDIRECT_A=${REDIRECT_A:-18080}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
WRK_THREADS=2
SERVER=${SERVER:-tomcat}
case $SERVER in
	tomcat) ;;
	webflux) main_class=io.securecomms.bench.WebFluxBenchServer ;;
	jetty) main_class=io.securecomms.bench.JettyBenchServer ;;
	*) echo "error: SERVER must be tomcat, webflux or jetty" >&2; exit 1 ;;
esac
WRK_CONNECTIONS=32

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/secure-comms-bench.XXXXXX")
pids=()

# shellcheck source=tls-load.sh
source "$root/bench/tls-load.sh"

trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -------------------------------------------------------------------------------------------
require_load_tools

# --- the application: the sample app's jar (tomcat), or the test class path (webflux, jetty) ---------
if [[ $SERVER == tomcat ]]; then
	find_jar() { find "$root/sample-app/target" -maxdepth 1 -name 'sample-app-*.jar' 2>/dev/null | head -n 1; }
	jar=$(find_jar)
	if [[ -z $jar ]] || [[ -n $(find "$root/pom.xml" "$root"/secure-comms-*/pom.xml "$root"/secure-comms-*/src/main \
			"$root/sample-app/pom.xml" "$root/sample-app/src/main" -newer "$jar" -print -quit) ]]; then
		log "building the sample app"
		(cd "$root" && ./mvnw -q -B -Dmaven.test.skip=true -pl sample-app -am package) >&2
		jar=$(find_jar)
	fi
	[[ -f $jar ]] || die "no sample app jar in $root/sample-app/target"
else
	classpath=$(test_classpath)
fi

# --- two instances -----------------------------------------------------------------------------------
require_free_ports "$PORT_A" "$PORT_B" "$MGMT_A" "$MGMT_B" "$REDIRECT_A"

start() { # name, arguments...
	local name=$1; shift
	if [[ $SERVER == tomcat ]]; then
		# shellcheck disable=SC2086
		# Each sample instance has its own development PKI, OCSP responder and CRL (its certificates name them)
		# and its backends on free ports.
		java $JAVA_OPTS -jar "$jar" --sample.pki.dir="$work/pki-$name" --sample.partner.port=0 \
			--sample.impostor.port=0 --sample.ocsp.port=0 --sample.crl.port=0 "$@" >"$work/$name.log" 2>&1 &
	else
		# shellcheck disable=SC2086
		java $JAVA_OPTS -Dbench.pki.dir="$work/pki" -cp "$classpath" "$main_class" "$@" \
			>"$work/$name.log" 2>&1 &
	fi
	pids+=("$!")
}
# CALIBRATE=1 runs the baseline configuration on both sides: its ratios show the noise of this machine.
if [[ ${CALIBRATE:-0} == 1 ]]; then
	start starter --secure.comms.enabled=false --server.port="$PORT_A" --management.server.port="$MGMT_A"
elif [[ $SERVER == tomcat ]]; then
	start starter --server.port="$PORT_A" --management.server.port="$MGMT_A" \
		--secure.comms.server.http-redirect-port="$REDIRECT_A"
else
	# Reactor Netty listens on one port, and the starter offers the redirect port on Tomcat only.
	start starter --server.port="$PORT_A" --management.server.port="$MGMT_A"
fi

ca_of() { # port -> the CA certificate its instance presents a certificate of
	if [[ $SERVER != tomcat ]]; then echo "$work/pki/ca.crt"
	elif [[ $1 == "$PORT_A" ]]; then echo "$work/pki-starter/ca.crt"
	else echo "$work/pki-baseline/ca.crt"; fi
}
hello() { curl -fsS --max-time 5 --cacert "$(ca_of "$1")" "https://127.0.0.1:$1/api/hello"; }

wait_ready() { # name, pid, port
	local deadline=$((SECONDS + 120))
	until hello "$3" >/dev/null 2>&1; do
		if ! kill -0 "$2" 2>/dev/null; then tail -n 40 "$work/$1.log" >&2; die "$1 exited during startup"; fi
		((SECONDS < deadline)) || { tail -n 40 "$work/$1.log" >&2; die "$1 did not answer within 120 s"; }
		sleep 0.5
	done
}
wait_ready starter "${pids[0]}" "$PORT_A"
# The baseline starts once the starter answers: a WebFlux starter has written the development PKI by then.
start baseline --secure.comms.enabled=false --server.port="$PORT_B" --management.server.port="$MGMT_B"
wait_ready baseline "${pids[1]}" "$PORT_B"
log "starter  (secure-comms) https://127.0.0.1:$PORT_A: $(hello "$PORT_A")"
log "baseline (disabled)     https://127.0.0.1:$PORT_B: $(hello "$PORT_B")"

# --- measurements ------------------------------------------------------------------------------------
port_of() { if [[ $1 == starter ]]; then echo "$PORT_A"; else echo "$PORT_B"; fi; }

measure() { # mode, instance, seconds
	local port; port=$(port_of "$2")
	case $1 in
		keepalive) measure_wrk "$port" "$3" ;;
		new-connection) measure_wrk "$port" "$3" -H "Connection: close" ;;
		full-handshake) measure_full "$port" "$3" ;;
	esac
}

read -r -a modes <<<"${MODES:-keepalive new-connection}"
for mode in "${modes[@]}"; do
	case $mode in keepalive | new-connection | full-handshake) ;; *) die "unknown mode '$mode'" ;; esac
done

# Warm-up: the JIT compiles for more than a minute per JVM on two cores, and the figures only settle once
# it is done. Both instances are loaded at once, in every mode that will be measured, but lightly: the
# compiler threads then get the CPU instead of the request threads.
log "warm-up: ${WARMUP}s"
warmers=()
for port in "$PORT_A" "$PORT_B"; do
	for mode in "${modes[@]}"; do
		case $mode in
			keepalive) wrk -t1 -c2 -d"${WARMUP}s" "https://127.0.0.1:$port/api/hello" >/dev/null & ;;
			new-connection) wrk -t1 -c1 -d"${WARMUP}s" -H "Connection: close" "https://127.0.0.1:$port/api/hello" >/dev/null & ;;
			full-handshake) openssl s_time -connect "127.0.0.1:$port" -new -time "$WARMUP" -www /api/hello >/dev/null 2>&1 & ;;
		esac
		warmers+=("$!")
	done
done
for pid in "${warmers[@]}"; do wait "$pid" || true; done

jit_seconds() { # pid -> CPU seconds the JIT has spent compiling so far (empty without jstat)
	command -v jstat >/dev/null && jstat -compiler "$1" 2>/dev/null | awk 'NR == 2 { print $4 }'
}
jit_a=$(jit_seconds "${pids[0]}")
jit_b=$(jit_seconds "${pids[1]}")

results="$work/results"
: >"$results"
for round in $(seq "$ROUNDS"); do
	if ((round % 2)); then order=(starter baseline); else order=(baseline starter); fi
	for mode in "${modes[@]}"; do
		for instance in "${order[@]}"; do
			rate=$(measure "$mode" "$instance" "$DURATION")
			[[ -n $rate ]] || die "no result for $mode on $instance (logs: $work)"
			echo "$round $mode $instance $rate" >>"$results"
			log "round $round/$ROUNDS  $(printf '%-15s %-9s %10.1f req/s' "$mode" "$instance" "$rate")"
		done
	done
done

echo
echo "secure-comms server TLS benchmark ($SERVER): $ROUNDS rounds x ${DURATION}s, $(nproc) cores, JVM $JAVA_OPTS"
full=""
[[ " ${modes[*]} " == *" full-handshake "* ]] && full="; full-handshake: $FULL_CLIENTS x openssl s_time -new"
echo "warm-up ${WARMUP}s; wrk -t$WRK_THREADS -c$WRK_CONNECTIONS$full; medians:"
printf '%-16s %14s %15s %8s\n' mode "starter req/s" "baseline req/s" ratio
for mode in "${modes[@]}"; do
	a=$(median_rate "$results" "$mode" starter)
	b=$(median_rate "$results" "$mode" baseline)
	printf '%-16s %14.1f %15.1f %8.2f\n' "$mode" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
done
echo
for mode in "${modes[@]}"; do
	printf '%s ratio starter/baseline: %.2f (median of %d paired rounds)\n' "$mode" "$(paired_ratio "$results" "$mode" starter baseline)" "$ROUNDS"
done
if [[ -n $jit_a && -n $jit_b ]]; then
	echo
	printf 'JIT compilation during the measurements (jstat): starter %.1fs, baseline %.1fs\n' \
		"$(awk -v a="$(jit_seconds "${pids[0]}")" -v b="$jit_a" 'BEGIN { print a - b }')" \
		"$(awk -v a="$(jit_seconds "${pids[1]}")" -v b="$jit_b" 'BEGIN { print a - b }')"
fi
