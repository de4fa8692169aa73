"""Social-media cards: writing the rendered cards and their ``cards.json``.

Card kinds live in ``deckgen/kinds/cards/`` (each lays itself out and draws itself), their
sizes in ``deckgen/outline/presets.py``; planning is ``deckgen/plan/cards.py`` and rendering
is the one executor's (``deckgen/render/executor.py``). ``build`` writes the files. See
docs/social-reference.md.
"""
