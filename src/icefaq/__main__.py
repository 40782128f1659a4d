"""Allow ``python -m icefaq``."""

import sys

from .commands import main

sys.exit(main())
