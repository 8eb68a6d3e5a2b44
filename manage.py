#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkj_portal.settings")
    # A checkout without secrets is a developer's: run its commands in DEBUG mode. A deployment
    # sets SECRET_KEY (the WSGI app refuses to start without it), so its DEBUG stays as configured.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
