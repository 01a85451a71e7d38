"""`python -m oauth_http ...` is the same as the `oauth-http` console script."""

import sys

from oauth_http.cli.main import main

sys.exit(main())
