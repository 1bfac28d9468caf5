"""Operators on the work order (工单) the agent filled in; not applicable without one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from contracts.call import WorkOrder
from contracts.rulelang.conditions import (
    WorkOrderCategoryValid,
    WorkOrderDepartmentMapping,
    WorkOrderDispatchSla,
    WorkOrderRequiredFields,
)
from contracts.rulelang.engine.node import BaseNode
from contracts.rulelang.engine.outcome import HOLDS_NOT, UNKNOWN, Verdict
from contracts.rulelang.engine.view import CallView
from contracts.rulelang.evidence import Evidence


def _value(order: WorkOrder, field: str) -> object:
    if field in type(order).model_fields:
        return getattr(order, field)
    return (order.model_extra or {}).get(field)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class RequiredFieldsNode(BaseNode):
    def __init__(self, spec: WorkOrderRequiredFields) -> None:
        self.fields = list(dict.fromkeys(spec.fields))

    def evaluate(self, view: CallView) -> Verdict:
        order = view.call.work_order
        if order is None:
            return UNKNOWN
        missing = [field for field in self.fields if _blank(_value(order, field))]
        if not missing:
            return HOLDS_NOT
        return Verdict(True, (Evidence(note=f"工单缺少字段：{'、'.join(missing)}"),))

    def describe(self) -> str:
        return "工单必填字段缺失"


class CategoryValidNode(BaseNode):
    def __init__(self, spec: WorkOrderCategoryValid) -> None:
        self.categories = frozenset(spec.categories)

    def evaluate(self, view: CallView) -> Verdict:
        order = view.call.work_order
        if order is None:
            return UNKNOWN
        category = order.category
        if category is not None and category.strip() and category in self.categories:
            return HOLDS_NOT
        shown = category if category and category.strip() else "（空）"
        return Verdict(
            True, (Evidence(matched_text=category, note=f"工单分类不在目录内：{shown}"),)
        )

    def describe(self) -> str:
        return "工单分类无效"


class DepartmentMappingNode(BaseNode):
    def __init__(self, spec: WorkOrderDepartmentMapping) -> None:
        self.mapping = {category: frozenset(d) for category, d in spec.mapping.items()}

    def evaluate(self, view: CallView) -> Verdict:
        order = view.call.work_order
        if order is None:
            return UNKNOWN
        departments = self.mapping.get(order.category or "")
        if departments is None or order.department in departments:
            return HOLDS_NOT
        note = f"「{order.category}」类工单派往「{order.department or '（空）'}」，应派往：" + (
            "、".join(sorted(departments))
        )
        return Verdict(True, (Evidence(matched_text=order.department, note=note),))

    def describe(self) -> str:
        return "工单派往的部门与分类不符"


class DispatchSlaNode(BaseNode):
    def __init__(self, spec: WorkOrderDispatchSla) -> None:
        self.limit = timedelta(minutes=spec.max_minutes)
        self.max_minutes = spec.max_minutes

    def evaluate(self, view: CallView) -> Verdict:
        order = view.call.work_order
        if order is None or order.dispatched_at is None:
            return UNKNOWN
        reference = self._reference(view, order)
        if reference is None:
            return UNKNOWN
        delay = _aware(order.dispatched_at) - reference
        if delay <= self.limit:
            return HOLDS_NOT
        minutes = delay.total_seconds() / 60
        return Verdict(
            True, (Evidence(note=f"派单用时 {minutes:.0f} 分钟，时限 {self.max_minutes:g} 分钟"),)
        )

    @staticmethod
    def _reference(view: CallView, order: WorkOrder) -> datetime | None:
        if order.created_at is not None:
            return _aware(order.created_at)
        if view.call.duration_ms is None:
            return None
        return _aware(view.call.started_at) + timedelta(milliseconds=view.call.duration_ms)

    def describe(self) -> str:
        return f"派单超过 {self.max_minutes:g} 分钟"
