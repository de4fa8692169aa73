"""Assemble the deck: planned slides + rendered pictures -> a python-pptx presentation.

Each slide kind writes its own slide (its ``build`` method, in ``deckgen/kinds/slides/``)
from what its planner laid out, on the shared chrome of :class:`~deckgen.kinds.slides._chrome.Deck`.
This module opens the presentation (deckgen's own 16:9 master, or the theme's corporate
template), runs the builders in order, adds the notes and document properties, and saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.assemble.splice import capture, deck_key, settle, slide_key, splice
from deckgen.kinds.slides._chrome import Deck
from deckgen.layout.slide import slide_size
from deckgen.layout.units import Pt
from deckgen.ooxml import shapes as sh

if TYPE_CHECKING:
    from collections.abc import Mapping

    from deckgen.assemble.splice import SlideCache
    from deckgen.outline.schema import DeckMeta
    from deckgen.plan import BuildPlan
    from deckgen.render.jobs import Asset
    from deckgen.theming.load import LoadedTheme


def colour_scheme(theme: LoadedTheme) -> tuple[sh.ColourScheme, bool]:
    """The deckgen theme as the package theme's colour scheme, what PowerPoint offers and
    fills a slide added later with, and whether the theme is dark. ``dk1``/``lt1`` hold
    the dark and the light of text and background, ``dk2``/``lt2`` of secondary text and
    the surface: a dark theme's text is ``lt1`` and its background ``dk1``, the master's
    colour map swapped (as Office's dark themes do), since PowerPoint's table, SmartArt
    and chart styles name ``dk1`` for text on light tints (light text there read 1.1:1
    in a table inserted into a dark deck, found by review). Then the one accent first
    (``accent1``), the main colour and the chart palette; links in the accent's text
    colour (4.5:1 on the background), visited ones in the secondary text's."""
    from deckgen.theming.colour import luminance

    colors = theme.theme.colors
    dark = luminance(colors.background) < luminance(colors.text)
    accents = [colors.highlight, colors.primary]
    for colour in (*colors.categorical, colors.neutral, colors.muted, colors.text):
        if len(accents) == 6:
            break
        if colour.upper() not in {a.upper() for a in accents}:
            accents.append(colour)
    ink, ground = (colors.background, colors.text) if dark else (colors.text, colors.background)
    second = (colors.surface, colors.muted) if dark else (colors.muted, colors.surface)
    values = (ink, ground, *second, *accents, colors.highlight_ink, colors.muted)
    return tuple(zip(sh.SCHEME_SLOTS, values, strict=True)), dark


def build_deck(
    plan: BuildPlan,
    assets: Mapping[str, Asset],
    theme: LoadedTheme,
    meta: DeckMeta,
    slides: SlideCache | None = None,
) -> bytes:
    """The finished .pptx as bytes (the caller writes it atomically). A slide whose key is
    in ``slides`` is spliced in from there; every slide built is put there. ``assets`` may
    hand its pictures over as they are drawn: the slides are built in order, each once its
    own pictures are there."""
    if theme.template is not None:
        from deckgen.theming.template import open_template

        # The template's master, layouts and package theme (fonts, colours) are kept as
        # they are: that is the point of a template.
        prs = open_template(theme.template)
        sh.index_parts(prs)
    else:
        width, height = slide_size(plan.size)
        scheme, dark = colour_scheme(theme)
        prs = sh.new_presentation(width, height, theme.theme.fonts.heading.family,
                                  theme.theme.fonts.body.family, scheme, theme.theme.label,
                                  dark=dark, title=Pt(theme.theme.sizes.title),
                                  text=Pt(theme.theme.sizes.body),
                                  footer=Pt(theme.theme.sizes.footer))  # fmt: skip
    deck = Deck(prs, theme, meta, plan.size, plan.sources, assets)
    sh.set_default_language(prs, deck.language)
    shared = deck_key(theme, meta, plan.size, plan.sources) if slides is not None else ""
    for planned in plan.slides:
        # The notes of a chart slide are its picture's alt text: the first look at
        # ``assets`` for it, which waits for the picture when it is still being drawn.
        planned = planned.with_notes(assets)
        key = slide_key(shared, planned, slides) if slides is not None else None
        entry = slides.get(key) if slides is not None and key is not None else None
        slide = splice(prs, entry) if entry is not None else None
        if slide is None:
            slide = planned.slide.build(deck, planned)
            deck.read_last(slide)
            if planned.notes:
                slide.notes_slide.notes_text_frame.text = sh.clean(planned.notes)  # type: ignore[union-attr]
                sh.tag_language(slide.notes_slide._element, deck.language)
            sh.tag_language(slide._element, deck.language)
            settle(slide)
            if slides is not None:
                slides.built += 1
                captured = capture(slide) if key is not None else None
                if key is not None and captured is not None:
                    slides.put(key, captured)
    props = prs.core_properties
    props.title = meta.title
    props.subject = meta.subtitle or ""
    props.author = meta.author or meta.organisation or ""
    props.keywords = "deckgen"
    props.language = deck.language
    props.last_modified_by = "deckgen"
    props.revision = 1
    return sh.save(prs, slides.zipped if slides is not None else None)
