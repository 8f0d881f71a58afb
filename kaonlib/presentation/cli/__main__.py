"""``python -m kaonlib``."""

import sys

from kaonlib.presentation.cli import main

sys.exit(main())
