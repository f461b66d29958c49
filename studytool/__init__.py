"""studytool: a terminal study tool for machine-learning and deep-learning fundamentals."""

__version__ = "0.1.0"
