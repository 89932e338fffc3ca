"""A small document model (paragraphs, two-column blocks, tables) and its DOCX and PDF writers,
shared by the official letter and the summary reports."""

from .layout import Columns, Document, Para, Rule, Run, Table

__all__ = ["Columns", "Document", "Para", "Rule", "Run", "Table"]
