"""Offsite: plan a sales and marketing leadership offsite, from goals to a signed PDF."""

__version__ = "0.2.0"
