#!/usr/bin/env bash
# The project's test command, for developers and CI alike:
#
#   bash scripts/test.sh                      # vet and test everything
#   bash scripts/test.sh ./store/...          # only these packages
#   bash scripts/test.sh ./store/... -- -run TestPostgres -v   # go test flags after --
#
# It starts the services the tests need (one function per service below),
# exports where they are, runs `go vet`, staticcheck and `go test -race -count=1`, and
# stops the services on exit. It installs what is missing from Debian
# packages when run as root (CI runs it as root, with no stdin, CI=true).
#
# A service already given by the environment is used as it is, e.g.
# TRIANGULATE_TEST_POSTGRES=postgres://me@localhost/test bash scripts/test.sh
set -euo pipefail

cd "$(dirname "$0")/.."

STARTED=()   # what was started, for the summary
CLEANUPS=()  # commands run on exit, last first

cleanup() {
	local i
	for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${CLEANUPS[i]}" || true
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf 'test.sh: %s\n' "$*" >&2; }

# as_root runs a command as root: directly, or through sudo for a developer.
as_root() {
	if [[ $(id -u) == 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		log "need root to run: $*"
		return 1
	fi
}

APT_UPDATED=
# apt_install installs Debian packages, updating the lists once per run.
apt_install() {
	if ! command -v apt-get >/dev/null; then
		log "apt-get not found: install $* by hand"
		return 1
	fi
	if [[ -z $APT_UPDATED ]]; then
		as_root apt-get update -q </dev/null
		APT_UPDATED=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null
}

# port_free reports whether nothing listens on 127.0.0.1:$1.
port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# run_as_service_user runs a command as the unprivileged user services run
# as: PostgreSQL refuses to run as root.
SERVICE_USER=
run_as_service_user() {
	if [[ -z $SERVICE_USER ]]; then
		"$@"
	else
		# From /, since the service user may not enter the checkout's directory.
		(cd / && runuser -u "$SERVICE_USER" -- "$@")
	fi
}

# ---------------------------------------------------------------- PostgreSQL

# pg_bindir prints the directory holding initdb, pg_ctl and createdb:
# Debian's newest /usr/lib/postgresql/N/bin, else wherever PATH finds initdb.
pg_bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [[ -z $d ]] && command -v initdb >/dev/null; then
		d=$(dirname "$(readlink -f "$(command -v initdb)")")
	fi
	[[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/createdb ]] && echo "$d"
}

# start_postgres starts a throw-away PostgreSQL cluster on 127.0.0.1 and
# exports TRIANGULATE_TEST_POSTGRES.
start_postgres() {
	if [[ -n ${TRIANGULATE_TEST_POSTGRES:-} ]]; then
		STARTED+=("postgres: given by TRIANGULATE_TEST_POSTGRES (not started)")
		return
	fi
	local bin
	if ! bin=$(pg_bindir); then
		log "PostgreSQL not found: installing it from Debian packages"
		apt_install postgresql
		bin=$(pg_bindir) || { log "initdb still not found after installing postgresql"; return 1; }
	fi
	if [[ $(id -u) == 0 ]]; then
		SERVICE_USER=nobody
	fi
	local dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/triangulate-pg.XXXXXX")
	CLEANUPS+=("rm -rf '$dir'")
	[[ -n $SERVICE_USER ]] && chown "$SERVICE_USER" "$dir"
	run_as_service_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		return 1
	}
	local port
	for port in $(seq 55432 55482); do
		port_free "$port" || continue
		if run_as_service_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null; then
			CLEANUPS+=("run_as_service_user '$bin/pg_ctl' -D '$dir/data' -m immediate -w stop >/dev/null")
			"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres triangulate_test
			export TRIANGULATE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/triangulate_test?sslmode=disable"
			STARTED+=("postgres: $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)")
			return
		fi
		log "PostgreSQL did not start on port $port; trying the next"
		tail -n 5 "$dir/server.log" >&2 || true
	done
	log "could not start PostgreSQL"
	return 1
}

# ---------------------------------------------------------------- ClickHouse

# start_clickhouse starts a throw-away ClickHouse server (Debian's 18.16) on
# 127.0.0.1 with its config and data in a temporary directory, and exports
# TRIANGULATE_TEST_CLICKHOUSE for the flights package's ClickHouse backend test.
start_clickhouse() {
	if [[ -n ${TRIANGULATE_TEST_CLICKHOUSE:-} ]]; then
		STARTED+=("clickhouse: given by TRIANGULATE_TEST_CLICKHOUSE (not started)")
		return
	fi
	local server=/usr/sbin/clickhouse-server
	if [[ ! -x $server ]] || ! command -v clickhouse-client >/dev/null; then
		log "ClickHouse not found: installing it from Debian packages"
		apt_install clickhouse-server clickhouse-client
	fi
	[[ -x $server ]] || { log "$server still not found after installing clickhouse-server"; return 1; }
	if [[ $(id -u) == 0 && -z $SERVICE_USER ]]; then
		SERVICE_USER=nobody
	fi
	local dir port
	dir=$(mktemp -d "${TMPDIR:-/tmp}/triangulate-ch.XXXXXX")
	CLEANUPS+=("rm -rf '$dir'")
	for port in $(seq 19000 19050); do
		port_free "$port" && break
	done
	mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
	# 18.16 reads a full server config; this is the least it starts with.
	cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$dir/log/server.log</log>
        <errorlog>$dir/log/server.err.log</errorlog>
        <console>0</console>
    </logger>
    <tcp_port>$port</tcp_port>
    <listen_host>127.0.0.1</listen_host>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <mark_cache_size>268435456</mark_cache_size>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <timezone>UTC</timezone>
</yandex>
XML
	cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas><default></default></quotas>
</yandex>
XML
	[[ -n $SERVICE_USER ]] && chown -R "$SERVICE_USER" "$dir"
	# Started directly (setpriv execs the server), so that $! is the server
	# itself and the cleanup's kill reaches it.
	if [[ -n $SERVICE_USER ]]; then
		setpriv --reuid="$(id -u "$SERVICE_USER")" --regid="$(id -g "$SERVICE_USER")" --clear-groups \
			"$server" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
	else
		"$server" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
	fi
	local pid=$!
	CLEANUPS+=("kill $pid 2>/dev/null; wait $pid 2>/dev/null")
	local i
	for i in $(seq 1 120); do
		if clickhouse-client --host 127.0.0.1 --port "$port" --query 'SELECT 1' >/dev/null 2>&1; then
			export TRIANGULATE_TEST_CLICKHOUSE="clickhouse://127.0.0.1:$port/default"
			STARTED+=("clickhouse: $(clickhouse-client --host 127.0.0.1 --port "$port" --query 'SELECT version()') on 127.0.0.1:$port (data in $dir)")
			return
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	log "could not start ClickHouse:"
	tail -n 20 "$dir/log/server.err.log" "$dir/log/stdout.log" >&2 || true
	return 1
}

# ---------------------------------------------------------------- Chromium

# install_chromium makes sure Debian's Chromium is there for the server
# package's browser test and exports TRIANGULATE_TEST_CHROMIUM. It starts
# nothing: the test launches its own headless browser.
install_chromium() {
	if [[ -n ${TRIANGULATE_TEST_CHROMIUM:-} ]]; then
		STARTED+=("chromium: given by TRIANGULATE_TEST_CHROMIUM (not installed)")
		return
	fi
	local bin=/usr/bin/chromium
	if [[ ! -x $bin ]]; then
		log "Chromium not found: installing it from Debian packages"
		apt_install chromium
	fi
	[[ -x $bin ]] || { log "$bin still not found after installing chromium"; return 1; }
	export TRIANGULATE_TEST_CHROMIUM=$bin
	# Debian's wrapper script prints noise on stderr; the version is on stdout.
	STARTED+=("chromium: $("$bin" --version 2>/dev/null | awk '{print $2}') at $bin")
}

# ---------------------------------------------------------------- main

pkgs=()
flags=()
while (($#)); do
	if [[ $1 == -- ]]; then
		shift
		flags=("$@")
		break
	fi
	pkgs+=("$1")
	shift
done
((${#pkgs[@]})) || pkgs=(./...)

start_postgres
start_clickhouse
install_chromium

log "services started:"
for s in "${STARTED[@]}"; do
	log "  $s"
done

log "gofmt -l"
unformatted=$(find . -name '*.go' -not -path './bench/node_modules/*' -print0 | xargs -0 gofmt -l)
if [[ -n $unformatted ]]; then
	log "not gofmt-formatted (run gofmt -w on them):"
	printf '%s\n' "$unformatted" >&2
	exit 1
fi
log "go vet ${pkgs[*]}"
go vet "${pkgs[@]}"
# staticcheck, at a fixed version, installed with go install when missing.
STATICCHECK_VERSION=v0.8.2
staticcheck_bin() {
	local gobin
	gobin=$(go env GOBIN)
	[[ -n $gobin ]] || gobin="$(go env GOPATH)/bin"
	if [[ -x $gobin/staticcheck ]] && "$gobin/staticcheck" -version 2>/dev/null | grep -q "${STATICCHECK_VERSION#v}"; then
		echo "$gobin/staticcheck"
		return
	fi
	log "installing staticcheck $STATICCHECK_VERSION"
	go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION" </dev/null >&2
	echo "$gobin/staticcheck"
}
log "staticcheck ${pkgs[*]}"
"$(staticcheck_bin)" "${pkgs[@]}"
log "go test -race -count=1 ${flags[*]} ${pkgs[*]}"
go test -race -count=1 "${flags[@]}" "${pkgs[@]}"

# Each fuzz target runs briefly (FUZZTIME, 2s by default; FUZZTIME=0 skips
# them), so that CI keeps every one building and passing; a crasher it finds
# is written to the package's testdata/fuzz and becomes a regression case.
# They run when the whole module is tested, or when FUZZTIME is set.
if [[ ${FUZZTIME:-} != 0 && ( -n ${FUZZTIME:-} || ${pkgs[*]} == ./... ) ]]; then
	fuzztime=${FUZZTIME:-2s}
	while IFS= read -r dir; do
		for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //' | sort -u); do
			log "fuzz $dir $target for $fuzztime"
			if ! out=$(go test -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" -fuzzminimizetime 10x "./$dir" 2>&1); then
				# Go's fuzz coordinator can report its own -fuzztime deadline
				# as a failure (golang/go#75804): no input was written then,
				# and nothing failed.
				if ! grep -q 'Failing input written' <<<"$out" && grep -q 'context deadline exceeded' <<<"$out"; then
					log "fuzz $dir $target: the fuzztime deadline race of golang/go#75804, not a failure"
					continue
				fi
				printf '%s\n' "$out" | tail -n 30 >&2
				exit 1
			fi
		done
	done < <(grep -rl --include='*_test.go' '^func Fuzz' . | grep -v node_modules | xargs -n1 dirname | sed 's|^\./||' | sort -u)
fi
