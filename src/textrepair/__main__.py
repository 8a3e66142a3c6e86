"""``python -m textrepair``: the command line (see :mod:`textrepair.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
