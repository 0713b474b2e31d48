# Developer entry points. Each target does its own set-up (scripts/setup.sh):
# missing packages are installed, PostgreSQL and Redis started when needed.
#
#   make run     set up, provision the demo tenant, serve on 127.0.0.1:8080
#   make test    set up, fresh test database, cargo test --workspace
#   make bench   release build, provisioning + HTTP load figures
#   make lint    rustfmt check and clippy with warnings as errors
#   make fmt     format the code
#   make setup   only the shared set-up (packages, services, .env, dev database)

SHELL := /bin/bash
CARGO ?= cargo
# Extra arguments for cargo test: make test ARGS='-p server nginx'
ARGS ?=

.PHONY: run test bench fmt lint setup

run:
	@scripts/run.sh

test:
	@scripts/test.sh $(ARGS)

bench:
	@scripts/bench.sh

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

setup:
	@scripts/setup.sh
	@scripts/db.sh
