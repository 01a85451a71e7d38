# The VS Code extension (included by the root Makefile): npm packages, build, checks, tests, the
# bundled Python server, and the .vsix. Every target works from a clean clone.
NPM_STAMP := node_modules/.oauth-http-npm-ci
EXT_VERSION = $(shell node -p "require('./package.json').version")
VSIX = oauth-http-$(EXT_VERSION).vsix
UV_VENV := .cache/uv
UV_VERSION := 0.13.9

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

ext-deps: $(NPM_STAMP) ## install the extension's npm packages (npm ci, once per lock change)

ext-build: $(NPM_STAMP) ## bundle out/extension.js and the panel script with esbuild
	npm run --silent build

ext-check: $(NPM_STAMP) ## extension: tsc --noEmit (strict), eslint, prettier --check
	npm run --silent check

ext-format: $(NPM_STAMP) ## extension: apply prettier
	npm run --silent format

ext-test: $(NPM_STAMP) ## extension unit tests (node --test)
	npm run --silent test

ext-bench: $(NPM_STAMP) ## print the response panel's timings on a 5 MB JSON body
	npm run --silent bench

$(UV_VENV)/bin/uv:
	$(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/pip install --quiet uv==$(UV_VERSION)

ext-requirements: $(UV_VENV)/bin/uv ## re-pin extension/python/requirements.txt from pyproject.toml
	$(UV_VENV)/bin/uv pip compile pyproject.toml --universal --fork-strategy fewest \
		--python-version 3.10 --generate-hashes --custom-compile-command "make ext-requirements" \
		--quiet -o extension/python/requirements.txt

bundle: $(STAMP) ## install the server and its pinned dependencies into bundled/libs
	$(BIN)/python extension/python/bundle.py

# The only "secret" vsce finds is the sandbox's demo RSA key (oauth_http/sandbox/demo-rsa-private.pem),
# a published test key for the local sandbox provider, hence --allow-package-secrets privatekey.
vsix: $(NPM_STAMP) bundle ## package oauth-http-<version>.vsix (bundled/libs is for this platform)
	npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links --allow-package-secrets privatekey --out $(VSIX)
	npx vsce ls --no-dependencies | awk -F/ '{print $$1 "/" $$2}' | sort | uniq -c
	@ls -l $(VSIX) | awk '{printf "%s: %.1f MB\n", $$NF, $$5 / 1048576}'

.PHONY: ext-deps ext-build ext-check ext-format ext-test ext-bench ext-requirements bundle vsix
