#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

DEBUG comes from the environment only: `make run`, scripts/serve.sh and the Makefile's
development targets set DEBUG=1; a deployment's env file leaves it off.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkj_portal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  # load the settings: a bad value is one clear line
    except ImproperlyConfigured as exc:
        sys.exit(f"Konfigurasi tidak sah: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
