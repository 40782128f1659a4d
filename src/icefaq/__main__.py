"""Allow ``python -m icefaq``."""

import sys

from .cli import main

sys.exit(main())
