# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Local defaults: a development server with no servers behind it (SQLite, eager Celery,
# mail to the console). Production sets these through the environment instead.
# (The tests need none of it: they run with network/settings_test.py.)
export DEBUG ?= true
# Each run prints its slowest tests, so that a test that grows slow shows in CI's output.
DURATIONS := --durations=15
# The SQLite run's tests spread over two processes (pytest-xdist): each has its own in-memory
# database and its own local-memory cache. The PostgreSQL run stays in one process: its tests share
# Redis, whose cache each test empties.
XDIST ?= -n 2
# Examples per target of the long fuzzing run (make test-fuzz): repeatable, unless FUZZ_RANDOM=1
# draws a fresh random seed (for a search by hand, not in CI, where a red run must mean a change).
FUZZ_EXAMPLES ?= 40

.PHONY: run test install migrate seed lint messages test-sqlite test-postgres test-fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages_if_possible
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py ensure_coordinator
	@echo ""
	@echo "The portal runs on http://127.0.0.1:8000  (Norwegian: /nb/, English: /en/). Ctrl-C stops it."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .

# The whole suite on SQLite; with CI=true it runs again on PostgreSQL with a real Celery
# worker on Redis, and fails if either server cannot be reached, and the long fuzzing runs
# after the SQLite run. In CI the two sides share nothing (the SQLite side has no Redis and
# eager tasks), so they go side by side, one a core: the PostgreSQL run prints here, the SQLite
# side's output follows when both are done.
test: $(STAMP)
	$(MAKE) --no-print-directory lint
	@if [ "$$CI" = "true" ]; then \
		$(BIN)/python scripts/check_services.py || exit 1; \
		mkdir -p var; \
		echo "The SQLite run and the long fuzzing go on beside this one; their output follows (var/test-sqlite.log)."; \
		{ $(MAKE) --no-print-directory test-sqlite BROWSER_TESTS=no && $(MAKE) --no-print-directory test-fuzz; } > var/test-sqlite.log 2>&1 & sqlite=$$!; \
		$(MAKE) --no-print-directory test-postgres; postgres=$$?; \
		wait $$sqlite; sqlite=$$?; \
		echo ""; echo "==== The SQLite run and the long fuzzing (var/test-sqlite.log) ===="; cat var/test-sqlite.log; \
		echo ""; echo "SQLite run and long fuzzing: exit $$sqlite. PostgreSQL run with the Celery worker: exit $$postgres."; \
		[ $$sqlite = 0 ] && [ $$postgres = 0 ]; \
	else \
		$(MAKE) --no-print-directory test-sqlite && \
		echo "" && \
		echo "SKIPPED: the PostgreSQL run, the Celery worker integration tests and the long fuzzing (they run when CI=true; make test-fuzz runs the fuzzing alone)."; \
	fi

# The browser tests spend their time waiting for chromium, so they run beside the rest (one a core):
# their output follows the other run's. In CI they run once, in the PostgreSQL run (which runs every
# test), not here as well: BROWSER_TESTS=no. pytest's "no tests" (exit 5) on one side alone is fine
# (PYTEST_ARGS may pick tests of one kind only); both sides empty, or any failure, fails.
test-sqlite: $(STAMP)
	mkdir -p var
	@if [ "$(BROWSER_TESTS)" = "no" ]; then \
		echo "The browser tests run with the PostgreSQL run (BROWSER_TESTS=no)." > var/test-browser.log; exit 5; \
	else \
		env -u DATABASE_URL -u REDIS_URL $(BIN)/python -m pytest -m "browser and not integration" $(DURATIONS) $(PYTEST_ARGS) \
		> var/test-browser.log 2>&1; \
	fi & browser=$$!; \
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python -m pytest -m "not integration and not browser" $(XDIST) $(DURATIONS) $(PYTEST_ARGS); \
	rest=$$?; wait $$browser; browser=$$?; \
	echo ""; echo "==== The browser tests, run beside the others (var/test-browser.log) ===="; cat var/test-browser.log; \
	echo "Browser tests: exit $$browser. The other tests: exit $$rest."; \
	if [ $$rest = 5 ] && [ $$browser = 5 ]; then exit 5; fi; \
	[ $$rest = 0 -o $$rest = 5 ] && [ $$browser = 0 -o $$browser = 5 ]

test-postgres: $(STAMP)
	DATABASE_URL=$${CI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal} \
	REDIS_URL=$${CI_REDIS_URL:-redis://127.0.0.1:6379/0} \
	RUN_INTEGRATION=1 $(BIN)/python -m pytest $(DURATIONS) $(PYTEST_ARGS)

# The fuzz searches with FUZZ_EXAMPLES examples per target (the default runs above make a few). A failure prints the input and a @reproduce_failure
# line; add the input to FOUND in tests/quality/test_fuzz.py so that every run replays it.
test-fuzz: $(STAMP)
	env -u DATABASE_URL -u REDIS_URL FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
		$(BIN)/python -m pytest tests/quality/test_fuzz.py -m fuzz $(DURATIONS) $(PYTEST_ARGS)

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l nb -l sv --ignore '.venv/*' --ignore 'var/*' --ignore 'staticfiles/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var staticfiles
