"""``python -m statetrace`` runs the command line."""

import sys

from statetrace.cli import main

sys.exit(main())
