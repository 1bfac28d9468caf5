"""Knowledge commands, one module per concern: `articles` (the knowledge base and the case
library), `proposals` (opened from detection's facts or a flag, then decided), `digests`
(the weekly digest). The application reads only its own aggregates: the facts it decides on
(finding counts, evidence, audiences) come from the read model through `jobs.py`."""

from __future__ import annotations

from services.knowledge.application.base import NotFoundError
from services.knowledge.application.digests import DigestCommands
from services.knowledge.application.proposals import ProposalCommands


class KnowledgeApplication(ProposalCommands, DigestCommands):
    name = "Knowledge"


__all__ = ["KnowledgeApplication", "NotFoundError"]
