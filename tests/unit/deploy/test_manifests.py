"""The Kubernetes manifests and the image: probes, sizes, a non-root user, a pinned image, no
secret with a value, and a network policy that lets only the gateway be reached from outside.
(Their schemas are checked by `deploy/validate.py`, in `make lint`.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy" / "k8s"
UID = 10001
SERVICES = {"rules", "inspection", "knowledge", "training", "coaching"}
SCRAPER = {"hotline-qa.io/scrape": "true"}

Resource = dict[str, Any]


def load(path: Path) -> list[Resource]:
    with path.open(encoding="utf-8") as stream:
        return [document for document in yaml.safe_load_all(stream) if document]


def kustomization() -> Resource:
    return load(K8S / "kustomization.yaml")[0]


def applied() -> list[Resource]:
    """Every resource `kubectl apply -k deploy/k8s` applies."""
    return [doc for name in kustomization()["resources"] for doc in load(K8S / name)]


def of_kind(kind: str) -> list[Resource]:
    return [resource for resource in applied() if resource["kind"] == kind]


def workloads() -> list[Resource]:
    return of_kind("Deployment") + of_kind("Job")


def name_of(resource: Resource) -> str:
    return str(resource["metadata"]["name"])


def containers(workload: Resource) -> list[Resource]:
    return list(workload["spec"]["template"]["spec"]["containers"])


MEBI = {"Mi": 1, "Gi": 1024}


def mebibytes(quantity: str) -> float:
    match = re.fullmatch(r"(\d+)(Mi|Gi)", quantity)
    assert match, f"memory as Mi or Gi: {quantity}"
    return int(match[1]) * MEBI[match[2]]


def test_the_gateway_and_the_five_services_are_deployed() -> None:
    assert {name_of(deployment) for deployment in of_kind("Deployment")} == SERVICES | {"gateway"}


@pytest.mark.parametrize("deployment", of_kind("Deployment"), ids=name_of)
def test_every_deployment_has_its_probes_on_its_port(deployment: Resource) -> None:
    (container,) = containers(deployment)
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert set(ports) == {"http"}
    assert container["startupProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert str(ports["http"]) in container["command"]
    (service,) = [s for s in of_kind("Service") if name_of(s) == name_of(deployment)]
    assert service["spec"]["ports"] == [
        {"name": "http", "port": ports["http"], "targetPort": "http"}
    ]


@pytest.mark.parametrize("workload", workloads(), ids=name_of)
def test_every_workload_is_sized(workload: Resource) -> None:
    for container in containers(workload):
        requests, limits = container["resources"]["requests"], container["resources"]["limits"]
        assert {"cpu", "memory"} <= set(requests)
        assert mebibytes(limits["memory"]) >= mebibytes(requests["memory"])


@pytest.mark.parametrize("workload", workloads(), ids=name_of)
def test_every_workload_runs_as_the_unprivileged_user(workload: Resource) -> None:
    pod = workload["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == UID
    assert pod["securityContext"]["runAsGroup"] == UID
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    for container in containers(workload):
        assert container["securityContext"] == {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        }


@pytest.mark.parametrize("workload", workloads(), ids=name_of)
def test_every_workload_runs_the_pinned_image(workload: Resource) -> None:
    (image,) = kustomization()["images"]
    tag = image.get("digest") or image["newTag"]
    assert tag
    assert tag != "latest"
    for container in containers(workload):
        name, _, pinned = container["image"].partition(":")
        assert name == image["name"]
        assert pinned == str(image["newTag"]) or "@sha256:" in container["image"]
        assert "latest" not in container["image"]


def test_no_secret_is_applied_and_the_template_has_no_value() -> None:
    assert of_kind("Secret") == []
    (template,) = load(K8S / "secret.example.yaml")
    assert template["kind"] == "Secret"
    assert set(template["stringData"]) == {
        "QA_DATABASE_URL",
        "QA_BOOTSTRAP_API_KEY",
        "QA_CIPHER_KEY",
    }
    assert all(value == "" for value in template["stringData"].values())
    assert "data" not in template


def test_no_manifest_names_a_default_secret() -> None:
    for path in K8S.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        for default in ("change-me", "changeme", "local-dev-key"):
            assert default not in text, f"{path.relative_to(ROOT)} names {default}"


def test_the_pods_are_told_they_are_not_local() -> None:
    (config,) = of_kind("ConfigMap")
    assert config["data"]["QA_ENV"] == "production"
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "QA_ENV=production" in dockerfile


def selects(policy: Resource, labels: dict[str, str]) -> bool:
    selector = policy["spec"]["podSelector"]
    if any(labels.get(key) != value for key, value in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In"
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def ingress_rules(deployment: Resource) -> list[Resource]:
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    policies = [policy for policy in of_kind("NetworkPolicy") if selects(policy, labels)]
    assert policies, f"no NetworkPolicy selects {name_of(deployment)}"
    assert all(policy["spec"]["policyTypes"] == ["Ingress"] for policy in policies)
    return [rule for policy in policies for rule in policy["spec"].get("ingress", [])]


def test_ingress_is_denied_unless_allowed() -> None:
    assert any(
        policy["spec"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
        for policy in of_kind("NetworkPolicy")
    )


def test_only_the_gateway_is_reached_from_outside_the_namespace() -> None:
    (gateway,) = [d for d in of_kind("Deployment") if name_of(d) == "gateway"]
    assert ingress_rules(gateway) == [{"ports": [{"protocol": "TCP", "port": 8080}]}]


@pytest.mark.parametrize(
    "deployment", [d for d in of_kind("Deployment") if name_of(d) != "gateway"], ids=name_of
)
def test_a_service_is_reached_by_the_gateway_and_prometheus_only(deployment: Resource) -> None:
    for rule in ingress_rules(deployment):
        assert rule["ports"] == [{"protocol": "TCP", "port": "http"}]
        for peer in rule["from"]:
            from_gateway = peer == {
                "podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}
            }
            from_scraper = peer == {
                "namespaceSelector": {},
                "podSelector": {"matchLabels": SCRAPER},
            }
            assert from_gateway or from_scraper, peer


def test_the_image_is_built_from_the_lock_on_a_pinned_base_as_the_unprivileged_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    (base,) = re.findall(r"^ARG PYTHON_IMAGE=(\S+)$", dockerfile, re.MULTILINE)
    assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm@sha256:[0-9a-f]{64}", base)
    assert re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE) == ["${PYTHON_IMAGE}"] * 2
    assert "pip install --require-hashes -r requirements/main.txt" in dockerfile
    assert "pip install --no-deps ." in dockerfile
    assert f"--uid {UID} --gid {UID}" in dockerfile
    assert re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE) == [f"{UID}:{UID}"]
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in ignored, ".dockerignore is an allowlist"


def test_the_nats_example_runs_three_jetstream_servers_on_files() -> None:
    (values,) = load(K8S / "examples" / "nats-values.yaml")
    config = values["config"]
    assert config["cluster"] == {"enabled": True, "replicas": 3}
    assert config["jetstream"]["enabled"] is True
    assert config["jetstream"]["fileStore"]["enabled"] is True
    assert config["jetstream"]["memoryStore"]["enabled"] is False
    assert config["nats"]["tls"]["enabled"] is True
