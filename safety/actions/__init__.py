"""Writes of the safety app, one function per action, grouped by subject."""
