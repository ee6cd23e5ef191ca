"""Blocks for data-processing frameworks; each module needs its framework's extra installed."""
