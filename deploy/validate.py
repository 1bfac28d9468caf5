"""Validate the Kubernetes manifests against the API's schemas, without a cluster or kustomize.

    python deploy/validate.py            (run by `make lint`)

Every resource of every file that `deploy/k8s/kustomization.yaml` lists, and the Secret template
`deploy/k8s/secret.example.yaml`, is checked in strict mode (an unknown field is an error) by
kubernetes-validate against the oldest and the newest Kubernetes versions named below, with the
kustomization's namespace set as kustomize would set it. A YAML file in `deploy/k8s/` that the
kustomization forgets, or a listed file that is missing, is an error too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

K8S = Path(__file__).resolve().parent / "k8s"
KUBERNETES_VERSIONS = ("1.29.0", "1.37.0")
"""The oldest Kubernetes the manifests are meant for, and the newest the validator knows."""

NOT_IN_KUSTOMIZATION = {"kustomization.yaml", "secret.example.yaml"}
"""Files of deploy/k8s/ the kustomization does not list, on purpose."""


def load_documents(path: Path) -> list[dict[str, Any]]:
    """The non-empty YAML documents of a file."""
    with path.open(encoding="utf-8") as stream:
        return [document for document in yaml.safe_load_all(stream) if document]


def kustomization() -> dict[str, Any]:
    documents = load_documents(K8S / "kustomization.yaml")
    return documents[0]


def manifest_files() -> list[Path]:
    """The files the kustomization lists, in its order."""
    return [K8S / name for name in kustomization()["resources"]]


def resources() -> list[tuple[Path, dict[str, Any]]]:
    """Every resource the kustomization applies, as kustomize would name its namespace."""
    namespace = kustomization().get("namespace")
    found = []
    for path in manifest_files():
        for document in load_documents(path):
            if namespace and document.get("kind") != "Namespace":
                document.setdefault("metadata", {})["namespace"] = namespace
            found.append((path, document))
    return found


def problems() -> list[str]:
    errors = []
    listed = {path.name for path in manifest_files()}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name not in listed and path.name not in NOT_IN_KUSTOMIZATION:
            errors.append(f"{path.name}: not listed in kustomization.yaml")
    for name in listed:
        if not (K8S / name).is_file():
            errors.append(f"{name}: listed in kustomization.yaml but missing")
    if errors:
        return errors
    checked = resources()
    checked += [
        (K8S / "secret.example.yaml", doc) for doc in load_documents(K8S / "secret.example.yaml")
    ]
    for path, resource in checked:
        name = f"{path.name}: {resource.get('kind')}/{resource.get('metadata', {}).get('name')}"
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(resource, version, strict=True)
            except kubernetes_validate.ValidationError as error:
                where = ".".join(str(item) for item in error.path)
                errors.append(f"{name} (Kubernetes {version}): {where}: {error.message}")
            except kubernetes_validate.SchemaNotFoundError:
                errors.append(f"{name}: no schema for Kubernetes {version}")
    return errors


def main() -> int:
    errors = problems()
    for error in errors:
        print(f"deploy/k8s/{error}", file=sys.stderr)
    if not errors:
        count = len(resources())
        versions = " and ".join(KUBERNETES_VERSIONS)
        print(f"deploy/k8s: {count} resources valid against Kubernetes {versions}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
