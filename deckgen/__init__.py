"""deckgen: outline + data + theme -> PowerPoint deck and social images.

Importing this package imports nothing heavy; the stages import matplotlib, pandas and
python-pptx themselves, when they run.
"""

__version__ = "0.1.0"


#: Library warnings deckgen deals with itself (see below).
_NOISE = (
    r"Glyph \d+ .*missing from (current )?font",
    r"Workbook contains no default style",
    r"(Data Validation|Conditional Formatting) extension is not supported",
)


def _quiet_library_noise() -> None:
    """The one place library warnings are handled, in every process (the render workers
    import this package too). A user must never see a Python warning with a source path:

    * noise deckgen has already dealt with is silenced: matplotlib's "findfont" log lines
      (deckgen names font files itself, and the CJK fallback has no bold file, on
      purpose) and its "Glyph ... missing" warnings (the build names every character no
      bundled font draws: deckgen.theming.fonts.coverage_warnings); openpyxl's notes on
      workbook features it skips (styles, data validation, conditional formatting: deckgen
      reads only the values);
    * any other warning prints as one line, "warning: <message>", without file and line.
    """
    import logging
    import warnings

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    for message in _NOISE:
        warnings.filterwarnings("ignore", message=message, category=UserWarning)

    def one_line(message: Warning | str, category: type[Warning], *_: object, **__: object) -> str:
        return f"warning: {message}\n"

    warnings.formatwarning = one_line


_quiet_library_noise()
