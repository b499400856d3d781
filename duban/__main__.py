import sys

from duban.cli import main

sys.exit(main())
