# End-to-end tests in a real VS Code, and the demo in one (included by the root Makefile).
# code-server 4.139.1 (VS Code 1.139.1) runs the extension installed from the .vsix that `make vsix`
# builds; Debian's Chromium, driven by playwright-core, plays the user; the sandbox OAuth 1.0a
# provider runs on 127.0.0.1. Node 24, code-server, playwright-core and the Debian packages are
# installed once into $E2E_CACHE_DIR by tests/e2e/install.sh.

# The cache lives outside the checkout: code-server's native modules do not build under a path
# with spaces, and one cache then serves every clone on the machine.
export E2E_CACHE_DIR ?= $(HOME)/.cache/oauth-http-e2e

e2e-install: ## install what make e2e needs (Node 24, code-server, Chromium, playwright-core; cached)
	tests/e2e/install.sh

e2e: $(STAMP) e2e-install vsix ## end-to-end scenarios in code-server + Chromium against the sandbox
	tests/e2e/run.sh

demo-vscode: $(STAMP) vsix ## demo: sandbox on :8765, examples/ in VS Code (desktop code, else code-server)
	tools/demo/run.sh

.PHONY: e2e-install e2e demo-vscode
