#!/usr/bin/env bash
# Measures throughput and latency of the service with wrk on loopback, and prints a Markdown table
# for BENCHMARKS.md. Usage: bench/run.sh [seconds-per-scenario] (default 20).
# Needs wrk (Debian package "wrk"), curl and a JDK. Every request goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-20}"
port=18080
base="http://127.0.0.1:$port"
log=$(mktemp)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 3; }

./mvnw -q -B -ntp -DskipTests package
jar=$(ls target/local-kms-*.jar | grep -v plain | head -n 1)
java -jar "$jar" --server.port=$port --kms.alias-quota=100000 >"$log" 2>&1 &
service_pid=$!
trap 'kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 120); do
  curl -sf "$base/_kms/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done
curl -sf "$base/_kms/actuator/health/readiness" >/dev/null || { echo "The service did not start:" >&2; cat "$log" >&2; exit 1; }

key_id=$(curl -sf "$base/?Action=CreateKey&Description=bench" | sed -E 's/.*"KeyId":"([^"]+)".*/\1/')
curl -sf "$base/?Action=CreateAlias&KeyId=$key_id&AliasName=alias/bench" >/dev/null
for i in $(seq 1 50); do
  curl -sf "$base/?Action=CreateAlias&KeyId=$key_id&AliasName=alias/bench-$i" >/dev/null
done

run() {
  local name=$1 threads=$2 connections=$3 path=$4 script=${5:-}
  local args=(-t"$threads" -c"$connections" -d"${duration}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  local output
  output=$(wrk "${args[@]}" "$base$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$output")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$output")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$output")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$output")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$connections" "$rps" "$p50" "$p99" "${errors:-0}"
}

create_script=$(mktemp --suffix=.lua)
cat >"$create_script" <<LUA
-- Each wrk thread numbers its own aliases, so names never repeat across threads.
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
function init(args)
  counter = 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", string.format("/?Action=CreateAlias&KeyId=$key_id&AliasName=alias/w%d-%d", id, counter))
end
LUA

# Warm up the JIT compiler before measuring.
wrk -t2 -c16 -d5s "$base/?Action=DescribeKey&KeyId=alias/bench" >/dev/null
wrk -t2 -c16 -d5s "$base/?Action=Encrypt&KeyId=alias/bench&Plaintext=warm-up" >/dev/null

echo "| Scenario | Connections | Requests/s | p50 | p99 | Non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"
run "DescribeKey by alias" 2 16 "/?Action=DescribeKey&KeyId=alias/bench"
run "ListAliases, page of 10 of 51" 2 16 "/?Action=ListAliases&PageSize=10"
run "Encrypt through an alias (16 bytes)" 2 16 "/?Action=Encrypt&KeyId=alias/bench&Plaintext=aGVsbG8gd29ybGQhISEh"
run "CreateAlias, unique names" 2 16 "/" "$create_script"
rm -f "$create_script"
