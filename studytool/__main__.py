"""``python -m studytool`` entry point."""

from studytool.cli import main

raise SystemExit(main())
