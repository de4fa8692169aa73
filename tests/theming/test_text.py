from deckgen.theming.load import load_theme
from deckgen.theming.text import fit, line_height, text_width, wrap

FONT = load_theme("corporate").body.regular


def test_width_grows_with_size_and_text():
    assert text_width("Hello", FONT, 20) > text_width("Hello", FONT, 10)
    assert text_width("Hello world", FONT, 12) > text_width("Hello", FONT, 12)


def test_wrap_keeps_every_line_within_the_width():
    text = "The United States is the global leader in developing AI but faces competition"
    lines = wrap(text, FONT, 18, 200)
    assert len(lines) > 1
    assert all(text_width(line, FONT, 18) <= 200 for line in lines)
    assert " ".join(lines) == text


def test_fit_prefers_the_largest_size_that_fits():
    fitted = fit("Short", FONT, width=400, height=100, max_size=40, min_size=12)
    assert fitted is not None and fitted.size == 40
    long = "word " * 60
    fitted = fit(long, FONT, width=400, height=100, max_size=40, min_size=8)
    assert fitted is not None and 8 <= fitted.size < 40
    assert len(fitted.lines) * line_height(FONT, fitted.size) <= 100


def test_fit_gives_up_below_the_minimum():
    assert fit("word " * 500, FONT, width=100, height=50, max_size=20, min_size=12) is None


def test_max_lines_is_respected():
    assert fit("one two three four", FONT, width=40, height=500, max_size=20, min_size=19,
               max_lines=1) is None  # fmt: skip
