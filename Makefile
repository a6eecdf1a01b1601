# twinreg: make builds ./twinreg, make check runs every test.
#
#   make                       build ./twinreg
#   make check                 unit and end-to-end tests
#   make check SANITIZE=address,undefined
#                              the same tests on a sanitized build
#   make check-pg              the end-to-end tests on PostgreSQL, a
#                              throwaway cluster of their own (tests/pg.sh)
#   make bench                 the benchmark (see tests/bench)
#   make fuzz                  libFuzzer harnesses (clang) in build/fuzz
#   make fuzz-run FUZZ_SECONDS=60
#                              run each harness that long (tests/fuzz)
#   make install PREFIX=... DESTDIR=...
#   make pot                   po/twinreg.pot from the sources (xgettext)
#   V=1 shows commands; DEVELOPER=1 makes warnings errors.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
# Shell completion, where Debian's bash-completion and zsh look.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions

CC ?= cc
# libpq's header (Debian's libpq-dev).
PG_INCLUDE ?= /usr/include/postgresql
OPT ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wwrite-strings -Wmissing-prototypes -Wno-missing-field-initializers
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) $(OPT) -Iinclude \
	-Isrc/lib -Isrc/cmd -Isrc/fmt -I$(PG_INCLUDE) $(CFLAGS)
# Messages: the catalogue of the build tree while it is there, else the
# installed one.
I18N_CFLAGS = -DLOCALEDIR='"$(LOCALEDIR)"' \
	-DBUILD_LOCALEDIR='"$(abspath build/locale)"'
MO = build/locale/tr/LC_MESSAGES/twinreg.mo
ALL_LDFLAGS = $(LDFLAGS)
# libpq is not linked: the PostgreSQL store loads it (src/lib/pq.c).
LIBS = -lsqlite3 -lcsv -lm

ifdef DEVELOPER
ALL_CFLAGS += -Werror
endif

# A sanitized build lives apart so its objects never mix with the plain
# ones; its binary is $(B)/twinreg.
ifdef SANITIZE
B = build/san
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
BIN = $(B)/twinreg
else
B = build/plain
BIN = twinreg
endif

ifndef V
Q = @
QCC = @echo "  CC      $@";
QLD = @echo "  LINK    $@";
QGEN = @echo "  GEN     $@";
endif

LIB_SRC = $(wildcard src/lib/*.c)
FMT_SRC = $(wildcard src/fmt/*.c)
CLI_SRC = src/main.c $(wildcard src/cmd/*.c) $(FMT_SRC)
UNIT_SRC = $(wildcard tests/unit/*.c)
SAMPLE_CSV = data/actors.csv data/sister-cities.csv data/partnerships.csv \
	data/memberships.csv data/activities.csv

LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o) $(B)/sample_data.o
UNIT_OBJ = $(UNIT_SRC:%.c=$(B)/%.o)
DEPS = $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

.PHONY: all check check-pg unit cli install uninstall clean bench pot fuzz \
	fuzz-run
.DELETE_ON_ERROR:

all: $(BIN) $(MO)

$(BIN): $(CLI_OBJ) $(B)/libtwinreg.a
	$(QLD)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libtwinreg.a $(LIBS)

$(B)/libtwinreg.a: $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/src/cmd/cmd.o: ALL_CFLAGS += $(I18N_CFLAGS)

# The sample registry is compiled in from data/.
$(B)/embed: src/tools/embed.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) -O1 -o $@ src/tools/embed.c

$(B)/sample_data.c: $(B)/embed $(SAMPLE_CSV)
	$(QGEN)$(B)/embed $(SAMPLE_CSV) > $@

$(B)/sample_data.o: $(B)/sample_data.c
	$(QCC)$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(B)/unit: $(UNIT_OBJ) $(B)/libtwinreg.a
	$(QLD)$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(B)/libtwinreg.a $(LIBS)

# The fuzz harnesses (tests/fuzz), one an import kind and the round
# trip.  make check replays their corpus and findings through replay.c,
# built with $(CC) like everything else; make fuzz builds them with
# libFuzzer, which needs clang.
FUZZ_KINDS = actors sister-cities partnerships memberships activities
FUZZERS = $(FUZZ_KINDS:%=import-%) roundtrip
FUZZ_COMMON = tests/fuzz/fuzz.c tests/fuzz/fuzz.h
REPLAYS = $(FUZZERS:%=$(B)/fuzz/replay-%)
FMT_OBJ = $(FMT_SRC:%.c=$(B)/%.o)

$(B)/fuzz/replay-import-%: tests/fuzz/import.c tests/fuzz/replay.c \
    $(FUZZ_COMMON) $(FMT_OBJ) $(B)/libtwinreg.a
	@mkdir -p $(dir $@)
	$(QLD)$(CC) $(ALL_CFLAGS) -Itests/fuzz -DFUZZ_KIND_NAME='"$*"' \
		$(ALL_LDFLAGS) -o $@ tests/fuzz/import.c tests/fuzz/replay.c \
		tests/fuzz/fuzz.c $(FMT_OBJ) $(B)/libtwinreg.a $(LIBS)

$(B)/fuzz/replay-roundtrip: tests/fuzz/roundtrip.c tests/fuzz/replay.c \
    $(FUZZ_COMMON) $(FMT_OBJ) $(B)/libtwinreg.a
	@mkdir -p $(dir $@)
	$(QLD)$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ \
		tests/fuzz/roundtrip.c tests/fuzz/replay.c tests/fuzz/fuzz.c \
		$(FMT_OBJ) $(B)/libtwinreg.a $(LIBS)

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FB = build/fuzz
FUZZ_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -g -O1 -Iinclude -Isrc/lib \
	-Isrc/fmt -Itests/fuzz -I$(PG_INCLUDE) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OBJ = $(LIB_SRC:%.c=$(FB)/%.o) $(FMT_SRC:%.c=$(FB)/%.o) \
	$(FB)/tests/fuzz/fuzz.o

$(FB)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QCC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c -o $@ $<

$(FB)/import-%: tests/fuzz/import.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(QLD)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer \
		-DFUZZ_KIND_NAME='"$*"' -o $@ tests/fuzz/import.c $(FUZZ_OBJ) \
		$(LIBS)

$(FB)/roundtrip: tests/fuzz/roundtrip.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(QLD)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ \
		tests/fuzz/roundtrip.c $(FUZZ_OBJ) $(LIBS)

fuzz: $(FUZZERS:%=$(FB)/%)

fuzz-run: fuzz
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

check: $(BIN) $(MO) $(B)/unit $(REPLAYS)
	$(Q)TWINREG=$(abspath $(BIN)) UNIT=$(abspath $(B)/unit) \
		FUZZ_REPLAY=$(abspath $(B)/fuzz) sh tests/run.sh

# The end-to-end tests with every registry a database of a PostgreSQL
# cluster the run starts and stops; scripts marked "# store: sqlite"
# are skipped.  Of the unit tests, those of a register on PostgreSQL
# (unit --pg); not the others or fuzz replays: their registries are in
# memory, made by the library, never a path the wrapper could map.
check-pg: $(BIN) $(MO) $(B)/unit
	$(Q)TWR_STORE=pg TWINREG=$(abspath $(BIN)) UNIT=$(abspath $(B)/unit) \
		sh tests/run.sh cli

unit: $(B)/unit
	$(Q)$(B)/unit

cli: $(BIN) $(MO)
	$(Q)TWINREG=$(abspath $(BIN)) sh tests/run.sh cli

bench: twinreg
	$(Q)sh tests/bench/bench.sh

install: $(BIN) $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(LOCALEDIR)/tr/LC_MESSAGES \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/twinreg
	install -m 644 src/twinreg.1 $(DESTDIR)$(MANDIR)/man1/twinreg.1
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/tr/LC_MESSAGES/twinreg.mo
	install -m 644 src/completion/twinreg.bash \
		$(DESTDIR)$(BASHCOMPDIR)/twinreg
	install -m 644 src/completion/_twinreg $(DESTDIR)$(ZSHCOMPDIR)/_twinreg

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/twinreg $(DESTDIR)$(MANDIR)/man1/twinreg.1 \
		$(DESTDIR)$(LOCALEDIR)/tr/LC_MESSAGES/twinreg.mo \
		$(DESTDIR)$(BASHCOMPDIR)/twinreg $(DESTDIR)$(ZSHCOMPDIR)/_twinreg

# The Turkish catalogue, checked (format strings included) as it is made.
$(MO): po/tr.po
	@mkdir -p $(@D)
	$(QGEN)msgfmt --check -o $@ po/tr.po

# Every translatable text of the front end.
XGETTEXT_OPTS = --from-code=UTF-8 --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=errorf:1 --keyword=notef:2 \
	--keyword=usage_error:2 --package-name=twinreg \
	--msgid-bugs-address=https://github.com/twinreg/twinreg/issues
pot:
	xgettext $(XGETTEXT_OPTS) -o po/twinreg.pot src/main.c \
		$(sort $(wildcard src/cmd/*.c src/fmt/*.c))

clean:
	rm -rf build twinreg

-include $(DEPS) $(FUZZ_OBJ:.o=.d)
