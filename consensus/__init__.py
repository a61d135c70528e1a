"""consensus: a register of living decisions — this, or something better."""

__version__ = "0.1.0"
