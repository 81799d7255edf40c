"""Received documents: read them into located segments, translate them, write them back.

Readers (one module per format) turn a file into ``Block`` values that remember where they came
from (page, paragraph, table cell, header...), so a writer can put each translation back in place
and the review PDF can cite the original page. Nothing here touches the vault or Qt.
"""
