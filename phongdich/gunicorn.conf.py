"""How `make serve` runs the application under gunicorn; the multi-process tests use it too.

Flags on the command line override these: `make serve` passes the address (HOST) and the
worker count (WEB_CONCURRENCY).
"""

import os

wsgi_app = "phongdich.wsgi"
# Import the application once in the arbiter and fork warm workers (phongdich/wsgi.py loads every
# view and catalogue); a worker replaced after max_requests starts answering at once.
preload_app = True
max_requests = 2000
max_requests_jitter = 200
timeout = 60
graceful_timeout = 30
control_socket_disable = True
# Trust X-Forwarded-* only from the reverse proxy in front (README, "Production").
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("ACCESS_LOG", "-")
