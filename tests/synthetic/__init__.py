"""Synthetic agreements: hand-written truth records rendered to PDF in layouts unlike the dev files.

`records` holds the truths, `render` writes each one as a PDF (HTML + WeasyPrint) in a layout
chosen by a `render.Layout`, so extraction can be tested on documents the parsers were not
written against.
"""
