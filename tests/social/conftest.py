"""The card fixtures (small projects with a ``social:`` section) serve the writing tests too."""

from tests.kinds.cards.conftest import corporate, project

__all__ = ["corporate", "project"]
