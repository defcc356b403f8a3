# revus build. Libraries come from Debian packages, found through pkg-config.
PKGS      := htslib zlib libcurl libcjson sqlite3
PREFIX    ?= /usr/local
CC        ?= cc
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      := -Wall -Wextra -Werror
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -DREVUS_VERSION='"$(VERSION)"' -Isrc -I$(BUILD)/gen
LDLIBS    = $(PKG_LIBS) -lm -lpthread
BUILD     ?= build

# The library is every .c under src/ except the command line (src/cli/), one folder per stage.
STAGES    := base variant input sources csq classify state run report
LIB_SRC   := $(sort $(foreach d,$(STAGES),$(shell find src/$(d) -name '*.c' 2>/dev/null)))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
GEN_HDR   := $(BUILD)/gen/genome_builds.inc $(BUILD)/gen/par.inc $(BUILD)/gen/moi.inc

LIB       := $(BUILD)/librevus.a
BIN       := revus

.PHONY: all deps demo check test layout unit cli asan test-asan bench install clean check-slurm \
        fuzz fuzz-build fuzz-replay fuzz-replay-run
all: $(BIN) build/revus.1

# deps: install missing Debian packages (no-op when all are present).
deps:
	@sh scripts/deps.sh

$(BUILD)/gen/genome_builds.inc: pipeline/genome_builds.tsv scripts/gen_builds.sh
	@mkdir -p $(dir $@)
	sh scripts/gen_builds.sh $< > $@.tmp && mv $@.tmp $@

# pipeline/par.tsv and moi.tsv: data tables compiled in as string rows
$(BUILD)/gen/%.inc: pipeline/%.tsv scripts/gen_table.sh
	@mkdir -p $(dir $@)
	sh scripts/gen_table.sh $< > $@.tmp && mv $@.tmp $@

# -MMD -MP: each object depends on exactly the headers it includes (build/obj/**/*.d).
$(BUILD)/obj/%.o: src/%.c $(GEN_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -MF $@.d -Itests/unit -o $@ $< $(LIB) $(LDLIBS)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

cli: $(BIN)
	@sh tests/run-cli.sh

# layout: no stage includes a later stage, and no include cycle (scripts/check-layout.sh).
layout: $(LIB)
	@python3 scripts/check-layout.py $(BUILD)

test: layout unit cli fuzz-replay

check: deps
	$(MAKE) all
	$(MAKE) test

demo: deps
	$(MAKE) all
	sh scripts/demo.sh

# asan: the whole test suite under AddressSanitizer + UBSan, in a separate build tree.
asan:
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_CFLAGS)" \
	    BIN=build-asan/revus REVUS_BIN=build-asan/revus test-asan

test-asan: $(BIN) $(UNIT_BIN)
	@u=0; c=0; \
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 sh tests/run-unit.sh $(UNIT_BIN) || u=1; \
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 REVUS_BIN=$(BIN) sh tests/run-cli.sh || c=1; \
	[ $$u = 0 ] && [ $$c = 0 ]

# Fuzzing (tests/fuzz/, docs/reliability.md). One harness per tests/fuzz/fuzz_NAME.c.
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES  := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_HDR    := $(wildcard tests/fuzz/*.h)
FUZZ_DEFS    = -Itests/fuzz -DFUZZ_ROOT='"$(CURDIR)"'
# float-cast-overflow is not part of gcc's "undefined": a JSON number cast to an integer
# without a range check (max_bytes 1e300) must fail the replay under gcc too.
SAN_CFLAGS  := -O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_CC     ?= clang
FUZZ_SECONDS ?= 60

# fuzz-replay (part of `make check`): each harness linked with tests/fuzz/replay.c under
# ASan/UBSan (the build-asan tree `make asan` uses) runs once over its seed corpus and its
# saved crashes. No libFuzzer needed.
fuzz-replay:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(SAN_CFLAGS)" fuzz-replay-run

fuzz-replay-run: $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
	@sh tests/fuzz/replay.sh $(BUILD)/fuzz-replay $(FUZZ_NAMES)

$(BUILD)/fuzz-replay/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDR) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -o $@ $< tests/fuzz/replay.c $(LIB) $(LDLIBS)

# fuzz: build every harness with libFuzzer (clang, Debian's libfuzzer-N-dev) and run each
# for FUZZ_SECONDS; new crashes land in build-fuzz/crashes/NAME/ (copy real ones to
# tests/fuzz/crashes/NAME/ once fixed, so `make check` replays them forever).
fuzz:
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) CFLAGS="$(SAN_CFLAGS) -fsanitize=fuzzer-no-link" fuzz-build
	sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -fsanitize=fuzzer -o $@ $< $(LIB) $(LDLIBS)

bench: all
	sh bench/run.sh

# the manual page revus(1), made from the program's own help
build/revus.1: $(BIN) scripts/gen-man.sh
	@mkdir -p build
	sh scripts/gen-man.sh ./$(BIN) > $@.tmp && mv $@.tmp $@

# install: the command, its manual page and its data. build/librevus.a stays in the build
# tree: its headers are the program's internal stages, not a stable interface (README, "Building").
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/revus $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/revus
	install -m 644 build/revus.1 $(DESTDIR)$(PREFIX)/share/man/man1/revus.1
	cp -r pipeline annotations $(DESTDIR)$(PREFIX)/share/revus/

clean:
	rm -rf build build-asan build-fuzz $(BIN)

# check-slurm: the Snakemake workflow through a real one-node Slurm (not part of `check`).
check-slurm: all
	sh scripts/check-slurm.sh
