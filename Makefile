# Developer entry points. run, test, bench and setup do their own set-up
# (scripts/setup.sh): missing packages are installed, PostgreSQL and Redis
# started when needed.
#
#   make run     set up, provision the demo tenant, serve on 127.0.0.1:8080
#   make test    set up, fresh test database, cargo test --workspace
#   make bench   release build, provisioning + HTTP load figures
#   make lint    rustfmt check and clippy with warnings as errors
#   make fmt     format the code
#   make setup   only the shared set-up (packages, services, .env, dev database)
#   make fuzz-api  schemathesis over every API operation of a running debug server
#                (FUZZ_API_MAX_EXAMPLES, 100 per operation and phase)
#   make screenshots  PNGs of the tenant site's main pages (phone, desktop; en, ar) in .screenshots/
#   make audit   Lighthouse (mobile) on the home, booking and admin calendar pages; fails below 90/95/95
#   make fuzz    cargo-fuzz targets, FUZZ_SECONDS (60) each; a table of runs and crashes

SHELL := /bin/bash
CARGO ?= cargo
# Extra arguments for cargo test: make test ARGS='-p server nginx'
ARGS ?=

.PHONY: help run test bench fmt lint setup fuzz fuzz-api screenshots audit
.DEFAULT_GOAL := help

help:
	@sed -n 's/^#   make /  make /p' Makefile

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh $(ARGS)

bench:
	@bash scripts/bench.sh

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

setup:
	@bash scripts/setup.sh
	@bash scripts/db.sh

fuzz:
	@bash scripts/fuzz.sh

fuzz-api:
	@bash scripts/fuzz-api.sh

screenshots:
	@bash scripts/screenshots.sh

audit:
	@bash scripts/audit.sh
