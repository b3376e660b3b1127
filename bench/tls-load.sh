# Sourced by the server benchmarks (server-tls.sh, server-engines.sh): logging, stopping what they started, the
# load generators and the medians. Expects $root (the repository), $work (a scratch directory), the array pids
# (the servers started), WRK_THREADS, WRK_CONNECTIONS and FULL_CLIENTS.

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

stop_servers() { # stops every process in pids (TERM, then KILL after 10 s) and empties the list
	local pid
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		kill -9 "$pid" 2>/dev/null || true
	done
	pids=()
}

cleanup() { # the EXIT trap: stops the servers and any load generator still running, removes $work
	# shellcheck disable=SC2046
	kill $(jobs -p) 2>/dev/null || true
	stop_servers
	if [[ ${KEEP_WORK:-0} == 1 ]]; then log "logs kept in $work"; else rm -rf "$work"; fi
}

require() { # command, Debian package
	command -v "$1" >/dev/null && return
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		log "installing $2"
		apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
	else
		die "$1 is missing: install the Debian package '$2'"
	fi
}

require_load_tools() { # wrk, openssl, curl (installed when missing, as root) and java
	require wrk wrk
	require openssl openssl
	require curl curl
	command -v java >/dev/null || die "java (17 or later) is missing"
}

require_free_ports() { # ports...
	local port
	for port in "$@"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use"; fi
	done
}

test_classpath() { # -> the starter's test class path, its classes compiled in place (nothing is installed)
	log "compiling the starter and its test classes"
	(cd "$root" && ./mvnw -q -B -pl secure-comms-autoconfigure -DskipTests test-compile) >&2
	local module="$root/secure-comms-autoconfigure"
	(cd "$root" && ./mvnw -q -B -pl secure-comms-autoconfigure dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$work/classpath") >&2
	echo "$module/target/test-classes:$module/target/classes:$(cat "$work/classpath")"
}

measure_wrk() { # port, seconds, extra wrk arguments... -> requests/s
	local port=$1 seconds=$2 out="$work/wrk.out"; shift 2
	wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${seconds}s" "$@" "https://127.0.0.1:$port/api/hello" >"$out"
	if grep -qE 'Socket errors|Non-2xx' "$out"; then
		log "  warning ($port): $(grep -E 'Socket errors|Non-2xx' "$out" | tr -s ' ' | paste -sd';')"
	fi
	awk '/^Requests\/sec:/ { print $2 }' "$out"
}

measure_full() { # port, seconds -> connections/s, each a full handshake and one request
	local port=$1 seconds=$2 start end k clients=() status=0
	rm -f "$work"/s_time.*
	start=$(date +%s.%N)
	for k in $(seq "$FULL_CLIENTS"); do
		# s_time runs about a second longer than -time; the rate uses the measured wall-clock time.
		timeout $((seconds + 30)) openssl s_time -connect "127.0.0.1:$port" -new -time $((seconds > 2 ? seconds - 1 : 1)) \
			-www /api/hello >"$work/s_time.$k" 2>&1 &
		clients+=("$!")
	done
	for k in "${clients[@]}"; do wait "$k" || status=$?; done
	end=$(date +%s.%N)
	((status == 0)) || log "  warning ($port): an openssl s_time client failed"
	cat "$work"/s_time.* | awk -v s="$start" -v e="$end" \
		'/connections in .* real seconds/ { n += $1 } END { printf "%.2f\n", n / (e - s) }'
}

median() { # reads numbers, one per line -> their median
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

median_rate() { # results file (lines "round mode instance rate"), mode, instance -> median rate
	awk -v m="$2" -v i="$3" '$2 == m && $3 == i { print $4 }' "$1" | median
}

# The JIT keeps the absolute figures drifting from round to round; instances measured back to back within a
# round drift alike, so the median of the per-round ratios is the steadier figure.
paired_ratio() { # results file (lines "round mode instance rate"), mode, numerator, denominator -> median ratio
	awk -v m="$2" -v a="$3" -v b="$4" '$2 == m && $3 == a { x[$1] = $4 } $2 == m && $3 == b { y[$1] = $4 }
		END { for (r in x) if (r in y) print x[r] / y[r] }' "$1" | median
}
