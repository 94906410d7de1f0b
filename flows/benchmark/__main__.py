"""`python -m flows.benchmark`: see `flows.benchmark.runner`."""

import sys

from flows.benchmark.runner import main

sys.exit(main())
