"""Sub-commands of the ``studytool`` CLI, one module each (light at import time)."""
