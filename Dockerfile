# syntax=docker/dockerfile:1
# The one image every pod of deploy/k8s runs (the command picks the process):
#   docker build -t hotline-qa:0.1.0 .
#
# The base is pinned by the digest of its multi-architecture index, so a rebuild gets the same
# bytes. To move to a newer patch release (do it for security fixes), look the digest up and
# change both the tag and the digest:
#   docker buildx imagetools inspect python:3.11-slim-bookworm    (or: crane digest ...)
# or build with --build-arg PYTHON_IMAGE=python:3.11.x-slim-bookworm@sha256:<digest>.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d

# Builder: a virtual environment with the locked dependencies (each checked against its hash in
# requirements/main.txt), then the project itself, without dependencies.
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_NO_INPUT=1
RUN python -m venv /opt/hotline-qa
ENV PATH=/opt/hotline-qa/bin:$PATH
WORKDIR /src
COPY requirements/main.txt requirements/main.txt
RUN pip install --require-hashes -r requirements/main.txt
COPY pyproject.toml README.md ./
COPY contracts contracts
COPY runtime runtime
COPY services services
COPY gateway gateway
COPY demo demo
RUN pip install --no-deps . && pip check

# Runtime: the slim base, the virtual environment, and an unprivileged user (uid/gid 10001, as
# the manifests' securityContext expects). Nothing is written outside /tmp (the pods mount /tmp
# as an emptyDir and keep the root file system read-only).
FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --gid 10001 qa \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin qa
COPY --from=builder /opt/hotline-qa /opt/hotline-qa
# QA_ENV=production: the gateway refuses a default, empty or placeholder API key (docs/security.md).
ENV PATH=/opt/hotline-qa/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/tmp \
    QA_ENV=production \
    QA_HOST=0.0.0.0 \
    QA_DATA_DIR=/tmp/qa-data
WORKDIR /tmp
USER 10001:10001
EXPOSE 8080 8081 8082 8083 8084 8085
CMD ["uvicorn", "gateway.main:app", "--host", "0.0.0.0", "--port", "8080", "--timeout-graceful-shutdown", "8"]
