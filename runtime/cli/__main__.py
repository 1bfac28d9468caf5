"""`python -m runtime.cli`: the `qa` command."""

import sys

from runtime.cli import main

sys.exit(main())
