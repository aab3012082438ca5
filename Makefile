# leafpress — see README.md.  `make deps && make` builds everything; `make check` tests it.

CC       ?= cc
PKGS     := harfbuzz harfbuzz-subset libcmark yaml-0.1 libqrencode libpng lcms2 libdeflate
HPDF_LIBS ?= -lhpdf
HYPHEN_LIBS ?= -lhyphen
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-sign-conversion -Werror
OPT      ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Isrc
CFLAGS   += $(OPT) $(WARN) $(SANITIZE) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Libraries whose static archive the system has (Debian's -dev packages
# ship them for these) are linked in: every shared object costs mapping,
# relocation and symbol lookup at each start, a tenth of a one-document run.
# The others (HarfBuzz, libharu, libqrencode, lcms2, libpng) have no archive.
LINK_STATIC ?= cmark yaml deflate hyphen
static_lib = $(if $(filter /%,$(shell $(CC) -print-file-name=lib$(1).a 2>/dev/null)),-l:lib$(1).a,-l$(1))
LDLIBS   += $(filter-out $(LINK_STATIC:%=-l%),$(shell pkg-config --libs $(PKGS) 2>/dev/null) $(HPDF_LIBS) $(HYPHEN_LIBS)) \
            $(foreach l,$(LINK_STATIC),$(call static_lib,$(l))) -lm -lpthread
LDFLAGS  += $(SANITIZE)

BUILD    ?= build
BIN      := $(BUILD)/leafpress
SRCS     := $(wildcard src/*.c)
# en-GB hyphenation patterns, compiled into the binary at build time.
HYPHEN_DICT ?= /usr/share/hyphen/hyph_en_GB.dic
GEN_OBJS := $(BUILD)/obj/hyph_en_GB.o
OBJS     := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(GEN_OBJS)
LIB_OBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

CONTENT  := $(shell find content -name '*.md' 2>/dev/null | sort)
# A document may make several PDFs (posters: -a3 and -a4; both variants), so
# each build leaves a stamp that make can date.
STAMPS   := $(CONTENT:content/%.md=out/.built/%.ok)
LAYOUTS  := $(shell find layouts -name '*.yaml' 2>/dev/null)
# Handout packs: content/packs/<name>.yaml -> out/packs/<name>.pdf (and print/).
PACKS    := $(wildcard content/packs/*.yaml)
PACK_STAMPS := $(PACKS:content/packs/%.yaml=out/.built/packs/%.pack)

.PHONY: all deps test-deps check unit asan ubsan tsan valgrind clean lint bench fuzz install deb layouts-doc readme-doc
.DELETE_ON_ERROR:

# One document that fails does not stop the others or the download page
# (which lists what did build); make still fails at the end, naming it.
all: bin/leafpress $(PROFILE) $(STAMPS) $(PACK_STAMPS) out/index.html
	@failed=; for f in $$(cd out/.failed 2>/dev/null && find . -type f | sed 's|^\./||'); do \
	  for x in md yaml; do [ -f "content/$$f.$$x" ] && failed="$$failed content/$$f.$$x"; done; done; \
	if [ -n "$$failed" ]; then echo "make: these documents did not build:$$failed" >&2; exit 1; fi

# The print variant's output profile, FOGRA39 (ISO 12647-2 coated offset),
# made from the free characterisation data in Debian's icc-profiles-free
# with ArgyllCMS's colprof (about 20 s, once), then made reproducible by
# src/tools/icc_finish.py: colprof stamps the time it ran.  Not under $(BUILD),
# so sanitizer builds share it.
PROFILE_DATA ?= /usr/share/color/icc/FOGRA39L.ti3
PROFILE      := build/icc/FOGRA39L.icc
$(PROFILE): $(PROFILE_DATA) src/tools/icc_finish.py
	@mkdir -p build/icc/tmp
	cp $(PROFILE_DATA) build/icc/tmp/FOGRA39L.ti3
	colprof -qm -D "FOGRA39L coated offset (ISO 12647-2), made with ArgyllCMS from FOGRA39L.ti3" \
	  -C "From FOGRA characterisation data FOGRA39L.ti3 (icc-profiles-free, Zlib licence)" \
	  -O build/icc/tmp/colprof.icc build/icc/tmp/FOGRA39L >build/icc/tmp/colprof.log
	src/tools/icc_finish.py build/icc/tmp/colprof.icc $@.tmp 2006-12-01
	mv $@.tmp $@

bin/leafpress: $(BIN)
	@mkdir -p bin
	cp $(BIN) $@

$(BIN): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The patterns as libhyphen builds them, written out as C tables by a tool
# that links libhyphen (src/tools/hyph_table.c), so leafpress never parses
# the .dic at run time (it was a quarter of a one-shot that hyphenates).
$(BUILD)/tools/hyph_table: src/tools/hyph_table.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LDFLAGS) $(HYPHEN_LIBS)
$(BUILD)/gen/hyph_en_GB.c: $(BUILD)/tools/hyph_table $(HYPHEN_DICT)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/hyph_table $(HYPHEN_DICT) lp_hyph_en_gb $@.tmp && mv $@.tmp $@
$(BUILD)/obj/%.o: $(BUILD)/gen/%.c src/hyphtab.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Before any document: no two documents may write the same PDF (Guide.md and
# guide.md, a/x.md and b/x.md...), which one document's build cannot see.
out/.built/.names: $(CONTENT) $(BIN) $(LAYOUTS)
	$(BIN) build --dry-run -o out content
	@mkdir -p $(dir $@) && touch $@

# One rule per document: `make -j` builds in parallel, and only what changed.
# A document that fails leaves out/.failed/<name> instead of its stamp, so
# it is tried again next time and `all` reports it.
out/.built/%.ok: content/%.md $(BIN) $(PROFILE) content/contacts.yaml content/partnership.yaml $(wildcard content/*.png) $(LAYOUTS) | out/.built/.names
	@mkdir -p $(dir $@) $(dir out/.failed/$*) && rm -f out/.failed/$*
	$(BIN) build -j 1 -o out $< || touch out/.failed/$*
	@[ -e out/.failed/$* ] || touch $@

# A pack is made of documents, so it is rebuilt when any of them changes.
out/.built/packs/%.pack: content/packs/%.yaml $(BIN) $(PROFILE) $(CONTENT) content/contacts.yaml $(LAYOUTS)
	@mkdir -p $(dir $@) out/.failed/packs && rm -f out/.failed/packs/$*
	$(BIN) pack -o out $< || touch out/.failed/packs/$*
	@[ -e out/.failed/packs/$* ] || touch $@

# The download page lists what is built, so it comes after every PDF.
out/index.html: $(STAMPS) $(PACK_STAMPS) $(BIN) $(CONTENT) $(PACKS)
	$(BIN) catalogue --partial -o out content

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(LDLIBS) -lcmocka

unit: $(UNIT_BINS) $(PROFILE)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; ./$$t; done

check: test-deps all unit $(BUILD)/readme-doc
	$(BIN) check content
	LEAFPRESS=$(BIN) tests/run.sh

# Content checks per audience (readability, contacts, links, review dates, jargon).
lint: $(BIN)
	$(BIN) check content

# Sanitizer builds run the whole suite with their own binary and object tree.
asan:
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" check-tree
ubsan:
	$(MAKE) BUILD=build/ubsan OPT="-O1 -g" \
	  SANITIZE="-fsanitize=undefined -fno-sanitize-recover=all" check-tree

# ThreadSanitizer: parallel batch builds (tests/tsan.sh) with a race-checked
# binary; any data race fails.
tsan:
	$(MAKE) BUILD=build/tsan OPT="-O1 -g" SANITIZE="-fsanitize=thread" build/tsan/leafpress
	LEAFPRESS=build/tsan/leafpress tests/tsan.sh

# The suite against $(BUILD)'s binary, writing into a scratch output tree.
check-tree: $(BIN) $(PROFILE) $(UNIT_BINS) $(BUILD)/readme-doc
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; ./$$t; done
	$(BIN) check content
	LEAFPRESS=$(BIN) OUT=$(BUILD)/out tests/run.sh

# What building leaflets needs; the test tools (cmocka, qpdf, chromium,
# node, tidy...) are installed by `make check` (test-deps), and CI's own
# (clang, valgrind) by .ci/run.
deps:
	@sh .ci/deps build
test-deps:
	@sh .ci/deps test

# README.md's table of front-matter keys (from src/source.c's list) and of
# which format is made for which readers (from layouts/); a test keeps it current.
$(BUILD)/readme-doc: src/tools/readme_doc.c $(LIB_OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(LDLIBS)
readme-doc: $(BUILD)/readme-doc
	$(BUILD)/readme-doc README.md layouts

# `make install PREFIX=/usr/local`: the binary in PREFIX/bin, its data in
# PREFIX/share/leafpress (layouts and themes, fonts with their licences, the
# default contacts and any other content/*.yaml), where the installed binary
# finds it from its own path.  DESTDIR stages it (as `make deb` does).
PREFIX  ?= /usr/local
DATADIR  = $(PREFIX)/share/leafpress
install: $(BIN) $(PROFILE)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/content
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/leafpress
	cd layouts && find . -name '*.yaml' | while read -r f; do \
	  install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/layouts/$$f" || exit 1; done
	install -m 644 fonts/*.ttf fonts/*.txt fonts/*.tsv $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 content/*.yaml $(DESTDIR)$(DATADIR)/content/
	install -D -m 644 $(PROFILE) $(DESTDIR)$(DATADIR)/icc/FOGRA39L.icc

# `make deb`: build/leafpress_<version>_<arch>.deb, holding what `make install
# PREFIX=/usr` installs; it depends on the Debian packages of the shared
# libraries the binary links (found with dpkg -S), and recommends
# poppler-utils for the download page's thumbnails.
VERSION := $(shell sed -n 's/^\#define LP_VERSION "\(.*\)"/\1/p' src/leafpress.h)
deb: $(BIN)
	@rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/DEBIAN
	$(MAKE) --no-print-directory install PREFIX=/usr DESTDIR=$(CURDIR)/$(BUILD)/deb
	@arch=$$(dpkg --print-architecture); \
	deps=$$(dpkg -S $$(ldd $(BIN) | awk '$$2 == "=>" && $$3 ~ /^\// {print $$3}' | while read -r lib; do \
	  echo "$$lib" "$$(readlink -f "$$lib")"; done) 2>/dev/null | grep -v '^diversion' | cut -d: -f1 | \
	  sort -u | paste -sd, | sed 's/,/, /g'); \
	size=$$(du -sk $(BUILD)/deb/usr | cut -f1); \
	printf '%s\n' "Package: leafpress" "Version: $(VERSION)" "Architecture: $$arch" \
	  "Maintainer: Coventry Safeguarding Children Partnership <leafpress@localhost>" \
	  "Installed-Size: $$size" "Depends: $$deps" "Recommends: poppler-utils" "Section: text" \
	  "Priority: optional" "Description: typesets safeguarding leaflets from Markdown into tagged PDFs" \
	  " One-minute guides, tri-folds, easy read, posters and booklets for professionals," \
	  " families and young people, and a download page for them." >$(BUILD)/deb/DEBIAN/control; \
	dpkg-deb --root-owner-group -Zgzip --build $(BUILD)/deb $(BUILD)/leafpress_$(VERSION)_$$arch.deb

# layouts/README.md's key reference is written from the schema table in
# src/layout_schema.c (test_layout_schema checks it is up to date).
$(BUILD)/layouts-doc: src/tools/layouts_doc.c $(LIB_OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(LDLIBS)
layouts-doc: $(BUILD)/layouts-doc
	$(BUILD)/layouts-doc layouts/README.md

# Timings, peak memory and PDF sizes, with any peer typesetter installed
# (BENCH_RUNS runs of each); see tests/bench.sh.  Never part of `make check`.
BENCH_RUNS ?= 20
bench: $(BIN) $(PROFILE)
	BENCH_RUNS=$(BENCH_RUNS) LEAFPRESS=$(BIN) tests/bench.sh

clean:
	rm -rf build bin
	find out -name '*.pdf' -delete 2>/dev/null || true
	rm -rf out/.built out/.failed
	rm -rf out/thumbs out/index.html out/manifest.json

# Fuzzing (clang + libFuzzer): `make fuzz` builds build/fuzz/fuzz_<target> with
# ASan and UBSan and runs each for FUZZ_SECONDS; see tests/fuzz/run.sh.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= front_matter markdown contacts layout picture build layout_doc picture_doc
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer $(filter-out -Werror,$(WARN)) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Every library object: the targets may reach any stage through lp_build_doc.
FUZZ_OBJS    := $(LIB_OBJS:$(BUILD)/obj/%=build/fuzz/obj/%)
FUZZ_BINS    := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/obj/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<
build/fuzz/obj/%.o: $(BUILD)/gen/%.c src/hyphtab.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_OBJS)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

fuzz-build: $(FUZZ_BINS)
fuzz: $(FUZZ_BINS)
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The whole catalogue build and every unit test under valgrind: any error or
# leak fails.  Slow (minutes), so not part of `make check`.  Each run's log is
# build/valgrind/<name>.<pid>.log; the error summaries are printed at the end.
VALGRIND := valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
            --show-leak-kinds=definite,indirect,possible
valgrind: $(BIN) $(PROFILE) $(UNIT_BINS)
	@rm -rf build/valgrind build/valgrind-out; mkdir -p build/valgrind; bad=; \
	for t in $(UNIT_BINS); do n=$$(basename $$t); echo "== valgrind $$n"; \
	  $(VALGRIND) --log-file=build/valgrind/$$n.%p.log ./$$t >build/valgrind/$$n.out 2>&1 || bad="$$bad $$n"; done; \
	echo "== valgrind leafpress build -o build/valgrind-out content"; \
	SOURCE_DATE_EPOCH=0 $(VALGRIND) --log-file=build/valgrind/leafpress.%p.log \
	  $(BIN) build -o build/valgrind-out content >build/valgrind/leafpress.out 2>&1 || bad="$$bad leafpress"; \
	for l in build/valgrind/*.log; do grep -q 'ERROR SUMMARY' $$l || continue; \
	  printf '%-28s %s | %s\n' "$$(basename $$l .log)" \
	  "$$(grep -o 'ERROR SUMMARY: [0-9]* errors' $$l)" "$$(grep -o 'definitely lost: [0-9,]* bytes' $$l || echo 'no leaks')"; done; \
	if [ -n "$$bad" ]; then echo "valgrind: failed:$$bad (see build/valgrind/)"; exit 1; fi
