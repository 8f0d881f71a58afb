"""``python -m kaonlib.cli``."""

import sys

from . import main

sys.exit(main())
