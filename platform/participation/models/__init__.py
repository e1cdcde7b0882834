"""What visitors send (``Submission``), the site's settings for it, and the pages
where they ask and read the answers (``QAPage``, ``QAAnswerPage``)."""

from .pages import QAAnswerPage, QAPage
from .settings import ParticipationSettings
from .submission import Kind, State, Submission

__all__ = ["Kind", "ParticipationSettings", "QAAnswerPage", "QAPage", "State", "Submission"]
