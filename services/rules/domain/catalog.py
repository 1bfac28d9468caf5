"""The catalog of rule set versions: hands out version numbers, knows which one is in force."""

from __future__ import annotations

from uuid import NAMESPACE_URL, uuid5

from eventsourcing.domain import Aggregate

from runtime.provenance import AuditedEvent, Provenance

CATALOG_ID = uuid5(NAMESPACE_URL, "hotline-qa:rules:catalog")


class RuleCatalog(Aggregate):
    class Opened(Aggregate.Created, AuditedEvent):
        pass

    class VersionAllocated(AuditedEvent):
        version: int

        def apply(self, aggregate: RuleCatalog) -> None:
            aggregate.versions.append(self.version)

    class Activated(AuditedEvent):
        version: int

        def apply(self, aggregate: RuleCatalog) -> None:
            aggregate.active_version = self.version

    def __init__(self) -> None:
        self.versions: list[int] = []
        self.active_version: int | None = None

    @classmethod
    def open(cls, provenance: Provenance) -> RuleCatalog:
        return cls._create(cls.Opened, id=CATALOG_ID, **provenance.event_kwargs())

    def allocate_version(self, provenance: Provenance) -> int:
        version = (self.versions[-1] if self.versions else 0) + 1
        self.trigger_event(self.VersionAllocated, version=version, **provenance.event_kwargs())
        return version

    def activate(self, version: int, provenance: Provenance) -> None:
        self.trigger_event(self.Activated, version=version, **provenance.event_kwargs())
