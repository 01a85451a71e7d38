"""A real HTTP server on 127.0.0.1 for sending tests: echo, stalls, redirects, odd bodies.

`start_httpbed()` serves in a background thread on a free port (`tls=True` for HTTPS with a
certificate generated at start-up that nothing trusts); `closed_port()` and `full_backlog()` give
addresses that refuse or never accept connections. Routes are listed in `routes.py`.
"""

from tests.httpbed.network import FullBacklog, closed_port, full_backlog
from tests.httpbed.server import RunningBed, start_httpbed

__all__ = ["FullBacklog", "RunningBed", "closed_port", "full_backlog", "start_httpbed"]
