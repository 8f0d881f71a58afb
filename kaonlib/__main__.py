"""``python -m kaonlib``: the command line."""

import sys

from kaonlib.presentation.cli import main

sys.exit(main())
