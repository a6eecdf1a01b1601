# The end-to-end tests on PostgreSQL: TWR_STORE=pg sh tests/run.sh cli
# (make check-pg).
#
# tests/run.sh starts one throwaway cluster a run (pg_start: initdb,
# trust, the superuser twr, UTF8, locale C, fsync off), listening on a
# Unix socket in $tmp/pg and on no TCP port, and stops it however the
# run ends (pg_stop).  $TWINREG is then a wrapper pg_start writes: each
# registry path it is given (--db PATH, --db=PATH, $TWINREG_DB) becomes
#
#   postgresql:///t_HEX?host=SOCKDIR
#
# HEX the first 20 hex digits of the md5 of the absolute path, so the
# same path is always the same database; the database is made (createdb)
# the first time the path is used, and the real binary runs with the URL.
# It is $TWINREG, not tests/lib.sh's twinreg(), that rewrites: the
# scripts and lib.sh's own helpers run "$TWINREG" directly far more often
# than twinreg(), some under `env -i` (so the wrapper holds its settings).
#
# A registry file is also something a script makes with init and takes
# away with rm: new_registry and many scripts remove the file and init
# again for an empty registry.  So a successful init leaves a stand-in
# file at PATH (a line of text, then the URL), and a path whose stand-in
# has gone since gets an empty database again, as a removed file is a
# missing registry.  The stand-in is no SQLite file, and the sqlite3 that
# pg_start puts first on PATH refuses it: a check that reads the registry
# with sqlite3 fails in this mode rather than reading nothing (`sqlite3
# FILE .dump` of a file that is no database prints the same few lines
# and exits 0, so two such dumps compare equal).
#
# Scripts about SQLite itself (its file, WAL, lock, schema, plans...)
# have a line "# store: sqlite (WHY)"; run.sh skips them in this mode.
#
# Sourced by tests/run.sh (pg_start, pg_stop), tests/lib.sh (pg_url,
# pg_dump_registry, pg_sound) and the wrapper (pg_exec).  Settings:
#   TWR_PG_DIR   the cluster's directory: data/, log, the socket
#   TWR_PG_BIN   where initdb, pg_ctl, createdb, dropdb, psql and pg_dump
#                are (unless set, the newest /usr/lib/postgresql/N/bin)
#   TWR_PG_MAP   what the wrapper knows of each path PATH: MAP/PATH@pg
#                holds the name of its database, MAP/PATH@pg.init is there
#                once an init of it succeeded (and left the stand-in)
#   TWR_PG_REAL  the real twinreg
#   TWR_PG_USER  as root, the user the server runs as (nobody): the
#                server refuses to run as root

# The first line of a stand-in file, which the sqlite3 wrapper looks for.
PG_STANDIN='twinreg test stand-in (TWR_STORE=pg), no SQLite file'

# ---- The cluster (tests/run.sh) -------------------------------------------

# pg_start TMP LIB TWINREG: a cluster in TMP/pg; the wrappers of twinreg
# (TWINREG the binary, LIB this file) and of sqlite3 in TMP/pg-bin, first
# on PATH; the settings exported.  On failure pg_error says why in a few
# words (run.sh prints it in one line) and it returns 1.
pg_start() {
	pg_error=
	TWR_PG_DIR=$1/pg
	TWR_PG_MAP=$1/pg-map
	TWR_PG_REAL=$3
	export TWR_PG_DIR TWR_PG_MAP TWR_PG_REAL
	# The socket directory goes into URLs as it is.
	case $TWR_PG_DIR in
	*[!A-Za-z0-9/._-]*)
		pg_error="$TWR_PG_DIR has characters a URL would need encoded"
		pg_error="$pg_error (set TMPDIR)"
		return 1 ;;
	esac
	pg_find_bin || return 1
	if ! mkdir "$TWR_PG_DIR" "$TWR_PG_MAP" "$1/pg-bin"; then
		pg_error="cannot make $TWR_PG_DIR"
		return 1
	fi
	if [ "$(id -u)" -eq 0 ]; then
		: "${TWR_PG_USER:=nobody}"
		if ! TWR_PG_UID=$(id -u "$TWR_PG_USER" 2> /dev/null) ||
		    ! TWR_PG_GID=$(id -g "$TWR_PG_USER" 2> /dev/null); then
			pg_error="running as root, and there is no user"
			pg_error="$pg_error $TWR_PG_USER to run the server as"
			pg_error="$pg_error (set TWR_PG_USER)"
			return 1
		fi
		export TWR_PG_USER TWR_PG_UID TWR_PG_GID
		# That user reaches TMP/pg through TMP (0700 from mktemp).
		if ! chmod o+x "$1" ||
		    ! chown "$TWR_PG_UID:$TWR_PG_GID" "$TWR_PG_DIR"; then
			pg_error="cannot give $TWR_PG_DIR to $TWR_PG_USER"
			return 1
		fi
	fi
	if ! (cd "$TWR_PG_DIR" && exec > "$1/pg-init.log" 2>&1 &&
	    pg_as "$TWR_PG_BIN/initdb" -D "$TWR_PG_DIR/data" -U twr -A trust \
	    -E UTF8 --locale=C -N --no-instructions); then
		pg_error="initdb failed: $(grep . "$1/pg-init.log" | tail -n 1)"
		return 1
	fi
	# Only the socket; no durability (the cluster dies with the run); UTC
	# whatever the machine's zone, as tests/lib.sh's TZ.
	cat >> "$TWR_PG_DIR/data/postgresql.conf" <<EOF || return 1

# tests/pg.sh
listen_addresses = ''
unix_socket_directories = '$TWR_PG_DIR'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
EOF
	# From here on pg_stop has something to stop (pg_ctl may give up
	# waiting for a server that starts after all).
	TWR_PG_STARTED=1
	if ! (cd "$TWR_PG_DIR" &&
	    pg_as "$TWR_PG_BIN/pg_ctl" -D "$TWR_PG_DIR/data" \
	    -l "$TWR_PG_DIR/log" -w -t 60 start) > "$1/pg-start.log" 2>&1; then
		pg_error="the server did not start: $(cat "$TWR_PG_DIR/log" \
		    "$1/pg-start.log" 2> /dev/null | grep . | tail -n 1)"
		return 1
	fi
	if ! pg_psql postgres -Atc 'SELECT 1' 2> "$1/pg-start.log" |
	    grep -qx 1; then
		pg_error="no connection: $(tail -n 1 "$1/pg-start.log")"
		return 1
	fi
	# On PostgreSQL the history names the role that made a change, and a
	# file's names --by or the login: each author is a role of its name
	# (a superuser, as the tests' own writer), made on first use.
	TWR_PG_LOGIN=$(id -un 2> /dev/null || echo unknown)
	export TWR_PG_LOGIN
	mkdir -p "$TWR_PG_MAP/@role" && pg_role "$TWR_PG_LOGIN" || {
		pg_error="cannot make the role $TWR_PG_LOGIN"
		return 1
	}
	if ! pg_wrappers "$1/pg-bin" "$2"; then
		pg_error="cannot write the wrappers in $1/pg-bin"
		return 1
	fi
}

# pg_find_bin: TWR_PG_BIN, a directory with every program used here.
pg_find_bin() {
	if [ -z "${TWR_PG_BIN:-}" ]; then
		# The newest server installed (Debian's postgresql-N).
		TWR_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin/initdb \
		    2> /dev/null | sort -t / -k 5 -n | tail -n 1)
		TWR_PG_BIN=${TWR_PG_BIN%/initdb}
		if [ -z "$TWR_PG_BIN" ] && _fb=$(command -v initdb); then
			TWR_PG_BIN=${_fb%/initdb}
		fi
	fi
	export TWR_PG_BIN
	for _fb in initdb pg_ctl createdb dropdb psql pg_dump; do
		if [ ! -x "$TWR_PG_BIN/$_fb" ]; then
			pg_error="no $_fb in '$TWR_PG_BIN' (apt-get install"
			pg_error="$pg_error postgresql, or set TWR_PG_BIN)"
			return 1
		fi
	done
}

# pg_as CMD...: CMD as the server's user: this one, or as root
# TWR_PG_USER (setpriv, else runuser; both are util-linux's).
pg_as() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	elif command -v setpriv > /dev/null 2>&1; then
		setpriv --reuid="$TWR_PG_UID" --regid="$TWR_PG_GID" \
		    --clear-groups -- "$@"
	elif command -v runuser > /dev/null 2>&1; then
		runuser -u "$TWR_PG_USER" -- "$@"
	else
		echo "tests/pg.sh: as root, setpriv or runuser runs the" \
		    "server as $TWR_PG_USER; there is neither" >&2
		return 1
	fi
}

# pg_stop: the cluster stopped, if it was started; at once, since it is
# thrown away.
pg_stop() {
	[ -n "${TWR_PG_STARTED:-}" ] || return 0
	TWR_PG_STARTED=
	# TWR_PG_LOG=FILE keeps the server's log, for a failure to read.
	[ -z "${TWR_PG_LOG:-}" ] || cp "$TWR_PG_DIR/log" "$TWR_PG_LOG"
	(cd "$TWR_PG_DIR" && pg_as "$TWR_PG_BIN/pg_ctl" -D "$TWR_PG_DIR/data" \
	    -m immediate -w -t 30 stop) > /dev/null 2>&1 && return 0
	# pg_ctl failed: the server it started, by the pid it wrote.
	if [ -f "$TWR_PG_DIR/data/postmaster.pid" ] &&
	    read -r _ps < "$TWR_PG_DIR/data/postmaster.pid" &&
	    kill -0 "$_ps" 2> /dev/null; then
		echo "tests/pg.sh: pg_ctl stop failed; SIGQUIT to $_ps" >&2
		kill -QUIT "$_ps"
	fi
}

# pg_wrappers DIR LIB: DIR/twinreg, the binary on PostgreSQL (LIB is
# this file), and DIR/sqlite3, which refuses stand-ins; DIR first on PATH.
pg_wrappers() {
	{
		echo '#!/bin/sh'
		echo '# twinreg on PostgreSQL for one run of tests/run.sh:' \
		    'tests/pg.sh.'
		for _pw in TWR_PG_DIR TWR_PG_BIN TWR_PG_MAP TWR_PG_REAL \
		    TWR_PG_LOGIN; do
			eval "_pv=\$$_pw"
			printf '%s=%s\n' "$_pw" "$(pg_quote "$_pv")"
		done
		printf '. %s\n' "$(pg_quote "$2")"
		echo 'pg_exec "$@"'
	} > "$1/twinreg" && chmod +x "$1/twinreg" || return 1
	if _pw=$(command -v sqlite3); then
		cat > "$1/sqlite3" <<EOF || return 1
#!/bin/sh
# sqlite3, but not on the stand-in of a PostgreSQL registry: tests/pg.sh.
for a in "\$@"; do
	case \$(head -c ${#PG_STANDIN} -- "\$a" 2> /dev/null) in
	$(pg_quote "$PG_STANDIN"))
		echo "sqlite3: \$a is the stand-in of a PostgreSQL" \\
		    "registry (TWR_STORE=pg): reading it is for SQLite" >&2
		exit 1 ;;
	esac
done
exec $(pg_quote "$_pw") "\$@"
EOF
		chmod +x "$1/sqlite3" || return 1
	fi
	PATH=$1:$PATH
	export PATH
}

# pg_role NAME: a superuser role NAME, made once a run (a file in
# $TWR_PG_MAP/@role says so: no process for a role already there).
pg_role() {
	[ -e "$TWR_PG_MAP/@role/$1" ] && return 0
	pg_psql postgres -c "CREATE ROLE \"$(printf '%s' "$1" |
	    sed 's/"/""/g')\" SUPERUSER LOGIN" > /dev/null 2>&1 ||
	    pg_psql postgres -Atc "SELECT 1 FROM pg_roles WHERE rolname =
	    '$(printf '%s' "$1" | sed "s/'/''/g")'" 2> /dev/null | grep -qx 1 ||
	    return 1
	: > "$TWR_PG_MAP/@role/$1"
}

# pg_quote TEXT: TEXT quoted for the shell.
pg_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# pg_psql DB ARGS...: psql on the database DB (a name or a URL) as twr,
# quiet, stopping at the first error.
pg_psql() {
	_pq=$1
	shift
	"$TWR_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$TWR_PG_DIR" -U twr \
	    -d "$_pq" "$@"
}

# ---- Paths and databases (the wrapper, tests/lib.sh) ----------------------

# pg_map PATH: pg_mapped is the URL for PATH, its database made if need
# be; a URL (or nothing) is left as it is.  1, with a message, when the
# database cannot be made.
#
# The wrapper runs this in the process that becomes the binary, and
# scripts run that under strace, counting and failing its system calls
# (0820: the Nth write, rename or openat).  So for a path it knows, it
# forks nothing and writes nothing: it reads a file and stats two.
pg_map() {
	pg_mapped=$1
	case $1 in
	'' | postgresql:* | postgres:*) return 0 ;;
	/*) _pm_abs=$1 ;;
	*) _pm_abs=$PWD/$1 ;;
	esac
	_pm_c=$TWR_PG_MAP$_pm_abs@pg
	if [ -f "$_pm_c" ] &&
	    { [ -e "$_pm_abs" ] || [ ! -e "$_pm_c.init" ]; } &&
	    IFS= read -r _pm_name < "$_pm_c"; then
		:
	else
		pg_make "$_pm_abs" || return 1
		_pm_name=$pg_name
	fi
	pg_mapped="postgresql:///$_pm_name?host=$TWR_PG_DIR"
}

# pg_make ABS: pg_name is the database of the absolute path ABS, made
# empty if it is not there or if ABS's stand-in has gone since its init.
# The scripts never use a path for the first time from two processes at
# once; still, a createdb that lost a race for its name is told apart
# from one that failed.
pg_make() {
	pg_name=t_$(printf '%s' "$1" | md5sum | cut -c 1-20)
	_mk_c=$TWR_PG_MAP$1@pg
	if [ -e "$_mk_c.init" ]; then
		if ! "$TWR_PG_BIN/dropdb" --force -h "$TWR_PG_DIR" -U twr \
		    "$pg_name" 2> "$_mk_c.err"; then
			echo "tests/pg.sh: cannot drop $pg_name ($1):" \
			    "$(tail -n 1 "$_mk_c.err")" >&2
			return 1
		fi
		rm -f "$_mk_c.init" "$_mk_c"
	fi
	mkdir -p "${_mk_c%/*}" 2> /dev/null
	if ! "$TWR_PG_BIN/createdb" -h "$TWR_PG_DIR" -U twr "$pg_name" \
	    2> "$_mk_c.err" &&
	    [ "$(pg_psql postgres -Atc "SELECT 1 FROM pg_database
	    WHERE datname = '$pg_name'" 2> /dev/null)" != 1 ]; then
		echo "tests/pg.sh: cannot make $pg_name ($1):" \
		    "$(tail -n 1 "$_mk_c.err" 2> /dev/null)" >&2
		return 1
	fi
	echo "$pg_name" > "$_mk_c" || return 1
	rm -f "$_mk_c.err"
}

# pg_url PATH: the URL of PATH's database (made if need be), as the
# wrapper gives it to twinreg.
pg_url() {
	pg_map "$1" && printf '%s\n' "$pg_mapped"
}

# pg_exec ARGS...: the wrapper: `twinreg ARGS`, registry paths made URLs
# (see the top).  The binary replaces the wrapper (exec), so that $!,
# kill and strace reach it, but for init: that one is waited for, and
# when it succeeds it leaves the stand-in.  125 when a database cannot
# be made.
pg_exec() {
	_pe_n=$#
	_pe_db=		# the next word is the value of --db
	_pe_val=	# the next word is the value of another global option
	_pe_cmd=	# the command, once past the global options
	_pe_reg=	# the path of the last --db: the registry used
	_pe_url=	# its URL
	_pe_by=		# the next word is the value of --by
	_pe_author=$TWR_PG_LOGIN	# --by's, else the login
	while [ "$_pe_n" -gt 0 ]; do
		_pe_a=$1
		shift
		_pe_n=$((_pe_n - 1))
		if [ -n "$_pe_db" ]; then
			_pe_db=
			pg_map "$_pe_a" || exit 125
			if [ "$pg_mapped" != "$_pe_a" ]; then
				_pe_reg=$_pe_a
				_pe_url=$pg_mapped
			fi
			set -- "$@" "$pg_mapped"
			continue
		fi
		if [ -n "$_pe_by" ]; then
			_pe_by=
			_pe_author=$_pe_a
		fi
		case $_pe_a in
		--by)
			_pe_by=1 ;;
		--by=*)
			_pe_author=${_pe_a#--by=} ;;
		--db)
			_pe_db=1 ;;
		--db=*)
			pg_map "${_pe_a#--db=}" || exit 125
			if [ "$pg_mapped" != "${_pe_a#--db=}" ]; then
				_pe_reg=${_pe_a#--db=}
				_pe_url=$pg_mapped
			fi
			_pe_a=--db=$pg_mapped ;;
		esac
		# The command is the first word past the global options (main.c
		# parses them with "+"); those with a value skip it.
		if [ -z "$_pe_cmd" ]; then
			if [ -n "$_pe_val" ]; then
				_pe_val=
			else
				case $_pe_a in
				-f | --format | --busy-timeout | --by | \
				    --delimiter | --max-width)
					_pe_val=1 ;;
				--) _pe_cmd=-- ;;
				-*) ;;
				*) _pe_cmd=$_pe_a ;;
				esac
			fi
		elif [ "$_pe_cmd" = -- ]; then
			_pe_cmd=$_pe_a
		fi
		set -- "$@" "$_pe_a"
	done
	if [ -n "${TWINREG_DB:-}" ]; then
		_pe_env=$TWINREG_DB
		pg_map "$TWINREG_DB" || exit 125
		TWINREG_DB=$pg_mapped
		export TWINREG_DB
		if [ -z "$_pe_reg" ] && [ "$pg_mapped" != "$_pe_env" ]; then
			_pe_reg=$_pe_env
			_pe_url=$pg_mapped
		fi
	fi
	# A mapped registry is opened as the author's role (the URL names
	# none; an empty --by is twinreg's to refuse).
	if [ -n "$_pe_reg" ] && [ -n "$_pe_author" ]; then
		pg_role "$_pe_author" || exit 125
		PGUSER=$_pe_author
		export PGUSER
	fi
	if [ "$_pe_cmd" != init ] || [ -z "$_pe_reg" ]; then
		exec "$TWR_PG_REAL" "$@"
	fi
	"$TWR_PG_REAL" "$@"
	_pe_st=$?
	if [ "$_pe_st" -eq 0 ]; then
		case $_pe_reg in /*) ;; *) _pe_reg=$PWD/$_pe_reg ;; esac
		# A file already there (one that is no registry) stays.
		[ -e "$_pe_reg" ] || printf '%s\n%s\n' "$PG_STANDIN" \
		    "$_pe_url" 2> /dev/null > "$_pe_reg"
		: > "$TWR_PG_MAP$_pe_reg@pg.init"
	fi
	exit "$_pe_st"
}

# ---- Looking into a database (tests/lib.sh) -------------------------------

# pg_tables_sql FORMAT: SQL that gives a line for each table of the
# database (twinreg's, not the system's): format(FORMAT, 'schema.table',
# schema, table).
pg_tables_sql() {
	printf '%s' "SELECT format('$1', n.nspname || '.' || c.relname,
	    n.nspname, c.relname)
	    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	    WHERE c.relkind IN ('r', 'p')
	    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
	    AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1"
}

# pg_dump_registry PATH: PATH's database as text, for snap and same_as:
# its schema (pg_dump), then every row of every table as COPY writes it
# (a row a line, the table first), sorted, so that the order the rows
# lie in does not count.  No sequences: PostgreSQL does not take back a
# number a rolled-back insert drew, and a refused write compares equal.
# Non-zero, with a message, when it cannot read them.
pg_dump_registry() {
	pg_map "$1" || return 1
	_pd=$TWR_PG_MAP/dump.$$
	if ! "$TWR_PG_BIN/pg_dump" -h "$TWR_PG_DIR" -U twr --schema-only \
	    "$pg_mapped" > "$_pd.schema" ||
	    ! pg_psql "$pg_mapped" -At -c "$(pg_tables_sql \
	    'COPY (SELECT %L, t.* FROM %I.%I t) TO STDOUT;')" > "$_pd.sql" ||
	    ! pg_psql "$pg_mapped" -f "$_pd.sql" > "$_pd.rows"; then
		rm -f "$_pd.schema" "$_pd.sql" "$_pd.rows"
		return 1
	fi
	# pg_dump 15.14 and later put a new random key in \restrict lines.
	sed '/^\\restrict /d; /^\\unrestrict /d' "$_pd.schema"
	echo '-- rows (tests/pg.sh)'
	LC_ALL=C sort "$_pd.rows"
	rm -f "$_pd.schema" "$_pd.sql" "$_pd.rows"
}

# pg_sound PATH: "ok" when PATH's database has tables and amcheck finds
# each of them and each of their b-tree indexes sound (the counterpart of
# PRAGMA integrity_check), else what is wrong.  amcheck is made in a
# transaction rolled back: nothing of it stays.
pg_sound() {
	pg_map "$1" || return 1
	pg_psql "$pg_mapped" -At <<'EOF'
BEGIN;
CREATE SCHEMA twr_check;
CREATE EXTENSION amcheck SCHEMA twr_check;
\o /dev/null
SELECT twr_check.bt_index_check(i.indexrelid, true)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.amname = 'btree'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'twr_check')
    AND n.nspname NOT LIKE 'pg_toast%';
\o
SELECT CASE WHEN count(*) = 0 THEN 'no tables'
    WHEN bool_or(bad) THEN 'damaged: ' ||
	string_agg(CASE WHEN bad THEN name END, ' ')
    ELSE 'ok' END
    FROM (SELECT format('%I.%I', n.nspname, c.relname) AS name,
	EXISTS (SELECT 1 FROM twr_check.verify_heapam(c.oid)) AS bad
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.relkind = 'r'
	AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'twr_check')
	AND n.nspname NOT LIKE 'pg_toast%') t;
ROLLBACK;
EOF
}
