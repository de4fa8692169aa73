"""deckgen: outline + data + theme -> PowerPoint deck and social images.

Importing this package imports nothing heavy; the stages import matplotlib, pandas and
python-pptx themselves, when they run.
"""

__version__ = "0.1.0"
