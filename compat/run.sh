#!/usr/bin/env bash
# Compatibility check: installs secure-comms-starter into the local Maven repository, then runs a small user
# application's TLS tests (compat/app) under each supported Spring Boot line, on the default JDK and on the newest
# JDK present, and prints the matrix. Exits non-zero if any combination fails.
#
#   compat/run.sh                                   # Boot 4.0.7 and 4.1.2
#   COMPAT_BOOT_VERSIONS="4.0.7" compat/run.sh      # one Boot version
#   COMPAT_NEWEST_JDK=/path/to/jdk compat/run.sh     # another newest JDK (default: Temurin 25)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
app="$root/compat/app"
boot_versions=${COMPAT_BOOT_VERSIONS:-"4.0.7 4.1.2"}
newest_jdk=${COMPAT_NEWEST_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
started=$(date +%s)

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

default_jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdks=("$default_jdk")
if [ -x "$newest_jdk/bin/java" ]; then
  jdks+=("$newest_jdk")
else
  echo "SKIPPED: no JDK 25 on this machine ($newest_jdk): only the default JDK runs"
fi

echo "== Installing secure-comms-starter into the local repository"
if ! ./mvnw -B -ntp -q -DskipTests -pl secure-comms-starter -am install; then
  echo "FAILED: the starter does not build; nothing to check" >&2
  exit 1
fi

generated=()
trap 'rm -f "${generated[@]}"' EXIT
declare -A result
failed=0
for boot in $boot_versions; do
  # The application's POM with this Boot parent. Boot 4.0.x manages httpclient5 5.5.2 (CVE-2026-71290, which the
  # starter refuses), so its users pin 5.6.5 as the README says; later lines manage 5.6.5 and run without the pin.
  pom="$app/pom-boot-$boot.xml"
  generated+=("$pom")
  sed "s#<version>[^<]*</version><!-- boot.version -->#<version>$boot</version>#" "$app/pom.xml" > "$pom"
  case "$boot" in
    4.0.*) ;;
    *) sed -i '/<!-- boot-4.0-pins/,/<!-- \/boot-4.0-pins -->/d' "$pom" ;;
  esac
  for jdk in "${jdks[@]}"; do
    java=$(java_major "$jdk")
    run="boot-$boot-java$java"
    log="$app/target/$run.log"
    mkdir -p "$app/target"
    echo "== Boot $boot on Java $java ($jdk)"
    t0=$(date +%s)
    if JAVA_HOME="$jdk" ./mvnw -B -ntp -f "$pom" -Dcompat.run="$run" clean test > "$log" 2>&1; then
      result["$boot,$java"]="PASS ($(( $(date +%s) - t0 ))s)"
    else
      result["$boot,$java"]="FAIL"
      failed=1
      echo "-- Boot $boot on Java $java failed (full log: $log):"
      { grep -E '<<< (FAILURE|ERROR)!|^\[ERROR\] (COMPILATION ERROR|/.*\.java|Rule )|BUILD FAILURE' "$log"
        grep -E '^Caused by' "$log" | tail -1
        grep -E '^\[ERROR\] Failed to execute goal' "$log"; } | awk '!seen[$0]++' | head -20 | cut -c1-300
    fi
  done
done

echo
echo "Compatibility matrix (secure-comms-starter $(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -1)):"
printf '%-12s' "Boot \\ Java"
for jdk in "${jdks[@]}"; do printf '%-14s' "$(java_major "$jdk")"; done
echo
for boot in $boot_versions; do
  printf '%-12s' "$boot"
  for jdk in "${jdks[@]}"; do printf '%-14s' "${result["$boot,$(java_major "$jdk")"]}"; done
  echo
done
echo "Total: $(( $(date +%s) - started ))s"
exit $failed
