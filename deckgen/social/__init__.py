"""Social-media cards: platform-sized images drawn from the same outline, data and theme.

``presets`` names the sizes; ``plan`` collects the cards (``social.cards`` and slides marked
``share:``) and lays each out per preset with ``layouts`` (stat, chart, quote, list) and
``longform`` (infographic), fitting every text with the theme's fonts into pure jobs
(``jobs``); ``render`` draws a job with Pillow (charts with the deck's matplotlib
renderers) and encodes it; ``build`` runs them and writes the files plus ``cards.json``.
See docs/social-reference.md. The outline schema imports ``presets``, so this module
imports nothing.
"""
