"""`python -m services.rules.bootstrap`: put the default rule pack in force if nothing is.

Idempotent: when a version is already in force, it does nothing.
"""

from __future__ import annotations

import logging

from contracts.envelope import Actor
from runtime.eventstore import open_application
from runtime.logs import configure_logging
from runtime.settings import Settings
from services.rules.application import RulesApplication
from services.rules.pack import load_default_pack

log = logging.getLogger("services.rules.bootstrap")

BOOTSTRAP_ACTOR = Actor(id="bootstrap", role="system")


def ensure_default_pack(settings: Settings) -> int:
    """The version in force, after publishing the default pack if there was none."""
    application = open_application(RulesApplication, settings, "rules")
    try:
        active = application.catalog().active_version
        if active is not None:
            log.info("rule set version %d is in force; default pack not loaded", active)
            return active
        pack = load_default_pack()
        rules = [rule.model_dump(mode="json") for rule in pack.rules]
        draft = application.create_draft("默认规则包（12345 热线）", rules, None, BOOTSTRAP_ACTOR)
        application.publish(draft.number, BOOTSTRAP_ACTOR)
        log.info(
            "published the default rule pack as version %d (%d rules)", draft.number, len(rules)
        )
        return draft.number
    finally:
        application.close()


if __name__ == "__main__":
    settings = Settings()
    configure_logging(settings.log_level)
    ensure_default_pack(settings)
