"""The demo's scenario: the steps that drive the closed loop, each one logged.

(a) a week of calls in which agents D1 and D2 often pass the buck (推诿); (b) knowledge
detection opens a proposal, approved with a new answer script (口径); (c) the training
programme that follows gets a quiz; the cascade trains the centre head, the team leader, then
D1 and D2; (d) later calls: D1 good, D2 still passing the buck; (e) once the verification
window has passed: D1 verified, D2 ineffective; (f) the coaching service opens a plan for D2,
and a session is recorded; (g) D2's calls over the six-week follow-up, until the review (复盘).

`qa run --demo` runs it in a thread once the system is up. The services' clocks run
`QA_CLOCK_SPEED` times faster since `QA_CLOCK_SINCE` (a simulated day a second by default); the
feeder dates its calls by the same clock. Every wait polls a condition until a timeout; a step
that does not finish in time is logged by name and the feeding stops (the system keeps running).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from demo.calls import BUCK_PASSING, CATEGORY, WEEK_PATTERNS, calls_for, week_of_calls
from demo.content import (
    AGENTS,
    ARTICLE,
    CENTRE_HEAD,
    COACH,
    FOLLOW_UP_PATTERN,
    LATER_PATTERNS,
    QUIZ,
    TEAM_LEADER,
)
from demo.driver import SLACK_SECONDS, Driver, StepFailed
from runtime.cli.loop import LoopUnavailable, loop_text

log = logging.getLogger("qa.demo")


class Scenario(Driver):
    def run(self) -> None:
        self.warn_if_not_fresh()
        self.post_week()
        article = self.approve_proposal()
        programme_id = self.train(article)
        later = self.post_later_calls()
        self.verify(programme_id)
        plan_id = self.coach(later["D2"])
        self.follow_up(plan_id)
        log.info(
            "demo: the loop turned; the system keeps running (Ctrl-C stops it)\n%s", self.state()
        )

    def warn_if_not_fresh(self) -> None:
        answer = self.client.get("/v1/knowledge/proposals", params={"rule_code": BUCK_PASSING})
        if answer.status_code == 200 and answer.json().get("items"):
            log.warning(
                "demo: this data folder already holds an earlier demo, whose calls and decisions "
                "share this run's simulated dates: the loop may not turn again here. For a fresh "
                "demo: stop, `make clean-data` (or set QA_DATA_DIR to a new folder), rerun"
            )

    def post_week(self) -> None:
        self.step = "(a) a week of calls"
        calls = week_of_calls(f"{self.prefix}-W", self.clock.now())
        self.post_calls(calls)
        bad = {agent: pattern.count("B") for agent, pattern in WEEK_PATTERNS.items()}
        log.info(
            "demo (a): posted %d calls of the past week for agents %s; D1 passed the buck on "
            "%d of %d calls, D2 on %d of %d",
            len(calls), ", ".join(WEEK_PATTERNS), bad["D1"], len(WEEK_PATTERNS["D1"]),
            bad["D2"], len(WEEK_PATTERNS["D2"]),
        )  # fmt: skip

    def approve_proposal(self) -> dict[str, Any]:
        self.step = "(b) knowledge proposal"

        def opened() -> dict[str, Any] | None:
            self.expect(self.client.post("/v1/knowledge/proposals:detect"), 200)
            params = {"status": "open", "rule_code": BUCK_PASSING}
            items = self.expect(self.client.get("/v1/knowledge/proposals", params=params), 200)
            return next((p for p in items["items"] if p["category"] == CATEGORY), None)

        proposal = self.wait_for("a proposal for buck passing", opened, SLACK_SECONDS)
        log.info(
            "demo (b): knowledge proposal opened: rule=%s category=%s count=%s share=%s",
            proposal["rule_code"], proposal["category"], proposal["finding_count"],
            proposal["call_share"],
        )  # fmt: skip
        body = ARTICLE | {
            "reason": f"一周内{CATEGORY}类来电推诿集中出现（{proposal['finding_count']} 通）",
            "article_key": f"{self.prefix}-buck-passing",
        }
        path = f"/v1/knowledge/proposals/{proposal['proposal_id']}:approve"
        article: dict[str, Any] = self.expect(self.client.post(path, json=body), 200)["article"]
        log.info(
            "demo (b): approved with answer script 「%s」 revision %s (article %s)",
            article["current"]["title"], article["current"]["revision"], article["article_id"],
        )  # fmt: skip
        return article

    def train(self, article: Mapping[str, Any]) -> str:
        self.step = "(c) training"
        article_id = str(article["article_id"])

        def published() -> dict[str, Any] | None:
            params = {"rule_code": BUCK_PASSING}
            items = self.expect(self.client.get("/v1/training/programmes", params=params), 200)
            return next(
                (
                    p
                    for p in items["items"]
                    if article_id in p["article_ids"] and p["source"] == "knowledge_update"
                ),
                None,
            )

        programme = self.wait_for("the programme of the article", published, SLACK_SECONDS)
        programme_id = str(programme["programme_id"])
        base = f"/v1/training/programmes/{programme_id}"
        log.info(
            "demo (c): training programme 「%s」 for agents %s",
            programme["title"], ", ".join(programme["audience_agents"]),
        )  # fmt: skip
        questions = [question | {"article_id": article_id} for question in QUIZ]
        self.expect(self.client.post(f"{base}/quiz", json={"questions": questions}), 200)
        log.info("demo (c): quiz set: %d questions on the answer script", len(questions))
        answers = [question["answer"] for question in QUIZ]
        for level, trainees in (
            ("centre_head", [CENTRE_HEAD]),
            ("team_leader", [TEAM_LEADER]),
            ("agent", list(AGENTS)),
        ):
            body = {"level": level, "trainee_ids": trainees}
            self.expect(self.client.post(f"{base}/assignments", json=body), 200)
            for trainee in trainees:
                attempt = {"trainee_id": trainee, "answers": answers}
                result = self.expect(self.client.post(f"{base}/attempts", json=attempt), 200)
                if not result.get("passed"):
                    raise StepFailed(f"{trainee} did not pass the quiz: {result}")
                log.info("demo (c): %s %s passed the quiz (%s)", level, trainee, result["score"])
        return programme_id

    def post_later_calls(self) -> dict[str, list[str]]:
        self.step = "(d) later calls"
        first = self.clock.now() + timedelta(hours=1)
        calls = {
            agent: calls_for(f"{self.prefix}-L", agent, pattern, first, timedelta(hours=6))
            for agent, pattern in LATER_PATTERNS.items()
        }
        self.post_calls([call for agent_calls in calls.values() for call in agent_calls])
        log.info(
            "demo (d): posted later calls: D1 %d good, D2 %d still passing the buck",
            len(calls["D1"]), len(calls["D2"]),
        )  # fmt: skip
        return {agent: [call["call_id"] for call in found] for agent, found in calls.items()}

    def verify(self, programme_id: str) -> None:
        self.step = "(e) verification"
        log.info("demo (e): waiting for the 14-day verification window to pass")

        def decided() -> list[dict[str, Any]] | None:
            self.expect(self.client.post("/v1/verifications:check"), 200)
            params = {"programme_id": programme_id}
            items = self.expect(self.client.get("/v1/training/verifications", params=params), 200)
            done = [v for v in items["items"] if v["outcome"] != "pending"]
            return done if {v["agent_id"] for v in done} >= set(AGENTS) else None

        timeout = self.real_seconds(timedelta(days=14)) + SLACK_SECONDS
        for verification in self.wait_for("both verifications", decided, timeout):
            log.info(
                "demo (e): verification of %s: %s (rate %.2f on %d calls before -> %.2f on %d "
                "after)",
                verification["agent_id"], verification["outcome"],
                verification["rate_before"] or 0, verification["calls_before"] or 0,
                verification["rate_after"] or 0, verification["calls_after"] or 0,
            )  # fmt: skip

    def coach(self, reviewed_calls: list[str]) -> str:
        self.step = "(f) coaching plan"

        def opened() -> dict[str, Any] | None:
            params = {"agent_id": "D2", "reason": "ineffective_training", "status": "open"}
            items = self.expect(self.client.get("/v1/coaching/plans", params=params), 200)
            return next(iter(items["items"]), None)

        plan = self.wait_for("D2's coaching plan", opened, SLACK_SECONDS)
        plan_id = str(plan["plan_id"])
        log.info(
            "demo (f): coaching plan for D2 (ineffective_training), follow-up until %s",
            plan["follow_up_until"][:10],
        )
        session = {
            "held_at": self.clock.now().isoformat(),
            "coach_id": COACH,
            "calls_reviewed": reviewed_calls,
            "deviations": ["推诿：让市民自行联系街道办", "使用服务忌语「不清楚」"],
            "agreed_actions": ["按新口径首问负责、直接受理并派单", "每周与班长复听两通录音"],
        }
        path = f"/v1/coaching/plans/{plan_id}/sessions"
        self.expect(self.client.post(path, json=session), 201)
        log.info(
            "demo (f): coach %s held a session with D2 on %d calls", COACH, len(reviewed_calls)
        )
        return plan_id

    def follow_up(self, plan_id: str) -> None:
        self.step = "(g) six-week follow-up"
        plan = self.expect(self.client.get(f"/v1/coaching/plans/{plan_id}"), 200)
        opened_at = datetime.fromisoformat(plan["opened_at"])
        follow_up_until = datetime.fromisoformat(plan["follow_up_until"])
        week = (follow_up_until - opened_at) / len(FOLLOW_UP_PATTERN)
        due = [opened_at + week * (index + 0.5) for index in range(len(FOLLOW_UP_PATTERN))]
        posted = 0

        def reviewed() -> dict[str, Any] | None:
            nonlocal posted
            while posted < len(due) and self.clock.now() >= due[posted]:
                letter = FOLLOW_UP_PATTERN[posted]
                call = calls_for(f"{self.prefix}-F{posted + 1}", "D2", letter, due[posted], week)
                self.post_calls(call)
                posted += 1
                kind = "good" if letter == "G" else "passing the buck again"
                log.info("demo (g): week %d of the follow-up: a D2 call, %s", posted, kind)
            self.expect(self.client.post("/v1/coaching/jobs:run"), 200)
            current = self.expect(self.client.get(f"/v1/coaching/plans/{plan_id}"), 200)
            return current if current.get("review") else None

        timeout = self.real_seconds(follow_up_until - self.clock.now()) + SLACK_SECONDS
        done = self.wait_for("the six-week review", reviewed, timeout)
        review = done["review"]
        log.info(
            "demo (g): review of D2's plan: %s (rate %.2f on %d calls before -> %.2f on %d "
            "after)%s",
            review["outcome"], review["rate_before"] or 0, review["calls_before"],
            review["rate_after"] or 0, review["calls_after"],
            "; escalated" if review["escalated"] else "",
        )  # fmt: skip

    # ---------------------------------------------------------------- helpers

    def state(self) -> str:
        try:
            return loop_text(self.client)
        except LoopUnavailable as error:
            return f"(the loop state is unavailable: {error})"
