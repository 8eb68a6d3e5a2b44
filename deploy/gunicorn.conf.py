"""gunicorn settings of LKJ Portal (`gunicorn -c deploy/gunicorn.conf.py lkj_portal.wsgi`).

Listens on loopback only: nginx in front terminates TLS (deploy/nginx-lkj.conf). Sync workers,
2 x CPU cores + 1 unless WEB_CONCURRENCY says otherwise; long PDFs render in the background
workers, so a request that takes over 120 s is a fault and is killed.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 120
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
