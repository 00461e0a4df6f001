"""The deployment files (deploy/compose.yaml, deploy/Dockerfile, deploy/k8s, deploy/nginx) use only
settings the app has, with values it accepts, and hang together: probes, selectors, names, ports.
The scripts Compose runs (the replica's entrypoint, the Redis Cluster's creation) run here too, on
PostgreSQL and Redis servers of the test's own."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.servers import (
    IN_CI,
    PG_BIN_GLOB,
    free_cluster_port,
    free_port,
    start,
    stop,
    tool,
    wait_until,
)
from vocabquiz.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / ".env.example"
DOCKERFILE = DEPLOY / "Dockerfile"
K8S = DEPLOY / "k8s"
NGINX_SITE = DEPLOY / "nginx" / "vocabquiz.conf"
PROMETHEUS = DEPLOY / "prometheus"
PG_HBA = DEPLOY / "postgres" / "pg_hba.conf"
REPLICATION_ROLE_SCRIPT = DEPLOY / "postgres" / "init" / "02-replication-role.sh"
REPLICA_ENTRYPOINT = DEPLOY / "postgres" / "replica-entrypoint.sh"
CLUSTER_CREATE = DEPLOY / "redis" / "cluster-create.sh"
# The services of the Compose profile `redis-cluster`'s nodes.
CLUSTER_NODES = [f"redis-node-{n}" for n in range(1, 7)]
SETTINGS = {f"VOCABQUIZ_{name.upper()}" for name in Settings.model_fields}
REQUIRED = {"VOCABQUIZ_DATABASE_URL", "VOCABQUIZ_REDIS_URL", "VOCABQUIZ_SECRET_KEY"}
# uvicorn's timeout_graceful_shutdown in src/vocabquiz/cli.py.
GRACEFUL_SHUTDOWN_S = 8
# How long `vocabquiz worker` lets its running jobs finish after SIGTERM.
WORKER_SHUTDOWN_S = 30
PING_INTERVAL_S = Settings.model_fields["ping_interval_s"].default


def deploy_texts() -> dict[Path, str]:
    files = [COMPOSE, ENV_EXAMPLE, DOCKERFILE, NGINX_SITE, *sorted(K8S.glob("*.yaml"))]
    files += [REPLICATION_ROLE_SCRIPT, REPLICA_ENTRYPOINT, CLUSTER_CREATE]
    return {path: path.read_text() for path in files}


def settings_from(env: dict[str, str]) -> Settings:
    """The app's settings from these VOCABQUIZ_* variables (and nothing else): their values must
    be accepted, as they would be at start-up."""
    values = {k.removeprefix("VOCABQUIZ_").lower(): v for k, v in env.items() if k in SETTINGS}
    return Settings(**values)


def test_every_vocabquiz_name_in_the_deploy_files_is_a_setting() -> None:
    for path, text in deploy_texts().items():
        unknown = set(re.findall(r"\bVOCABQUIZ_[A-Z0-9_]+\b", text)) - SETTINGS
        assert not unknown, f"{path.relative_to(ROOT)}: not settings: {sorted(unknown)}"


# --- deploy/compose.yaml ---------------------------------------------------------------------


def compose() -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return config


def env_example() -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in ENV_EXAMPLE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    return {key.strip(): value.strip() for key, value in pairs}


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, from `env`."""

    def one(match: re.Match[str]) -> str:
        name, op, rest = match[1], match[2] or "", match[3] or ""
        if name in env and (env[name] or op != ":-"):
            return env[name]
        assert op == ":-", f"${{{name}}} is required but not in deploy/.env.example"
        return rest

    return re.sub(r"\$\{([A-Z0-9_]+)(:[-?])?([^}]*)\}", one, value)


def test_compose_has_the_whole_stack_with_health_checks() -> None:
    services = compose()["services"]
    assert set(services) == {
        "postgres",
        "postgres-replica",
        "redis",
        "app",
        "worker",
        "traefik",
        "prometheus",
        "grafana",
        "redis-exporter",
        "postgres-exporter",
        *CLUSTER_NODES,
        "redis-cluster-create",
    }
    # The exporters' images have no shell or client to check themselves with: Prometheus does.
    # The worker serves nothing to check; the cluster's creation is a one-shot job.
    checked = ("postgres", "postgres-replica", "redis", "app", "traefik", "prometheus", "grafana")
    for name in (*checked, *CLUSTER_NODES):
        check = services[name].get("healthcheck")
        assert check and check["test"], f"{name} has no healthcheck"
    app = services["app"]
    assert "/healthz" in " ".join(app["healthcheck"]["test"])
    assert app["deploy"]["replicas"] >= 2
    assert "ports" not in app, "the replicas are reached through Traefik only"
    context = (COMPOSE.parent / app["build"]["context"]).resolve()
    assert context == ROOT and (context / app["build"]["dockerfile"]) == DOCKERFILE
    for backend in ("postgres", "redis"):
        assert app["depends_on"][backend]["condition"] == "service_healthy"
    assert app["stop_grace_period"] and int(app["stop_grace_period"].rstrip("s")) > (
        GRACEFUL_SHUTDOWN_S
    )


def test_compose_app_settings_are_accepted_by_the_app() -> None:
    app = compose()["services"]["app"]
    example = env_example()
    env = {k: interpolate(str(v), example) for k, v in app["environment"].items()}
    assert set(env) >= REQUIRED
    settings = settings_from(env)
    assert not settings.is_sqlite and settings.redis_url == "redis://redis:6379/0"
    assert settings.database_url.startswith("postgresql+asyncpg://vocabquiz:")
    assert "@postgres:5432/vocabquiz" in settings.database_url
    assert settings.trusted_proxies  # the instances believe Traefik's X-Forwarded-For
    # Every ${VAR} of the file has a value in the example .env, and nothing in it is unused.
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", COMPOSE.read_text()))
    assert used == set(example), (used, set(example))
    assert all("example" in example[k] for k in used if "PASSWORD" in k or "SECRET" in k)


def test_traefik_balances_the_replicas_on_readyz_and_keeps_metrics_private() -> None:
    services = compose()["services"]
    labels = services["app"]["labels"]
    service = "traefik.http.services.vocabquiz.loadbalancer"
    assert labels["traefik.enable"] == "true"
    assert labels[f"{service}.server.port"] == "8000"
    assert labels[f"{service}.healthcheck.path"] == "/readyz"
    assert labels["traefik.http.routers.vocabquiz.rule"] == "PathPrefix(`/`)"
    metrics = "traefik.http.routers.vocabquiz-metrics"
    assert labels[f"{metrics}.rule"] == "Path(`/metrics`)"
    middleware = labels[f"{metrics}.middlewares"]
    assert labels[f"traefik.http.middlewares.{middleware}.ipallowlist.sourcerange"] == (
        "127.0.0.1/32"
    )
    command = services["traefik"]["command"]
    assert "--providers.docker.exposedbydefault=false" in command
    assert any(c.startswith("--entrypoints.web.address=") for c in command)


def mounts(name: str) -> dict[str, str]:
    """Container path -> host path (relative to deploy/) of the service's bind mounts."""
    found = {}
    for volume in compose()["services"][name].get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith("."):
            assert (COMPOSE.parent / source).exists(), f"{name}: {source} does not exist"
            found[target] = source
    return found


def test_compose_mounts_the_deploy_files_where_the_images_read_them() -> None:
    services = compose()["services"]
    for name in ("postgres", "postgres-replica"):
        postgres = mounts(name)
        conf = next(t for t, s in postgres.items() if s == "./postgres/vocabquiz.conf")
        assert f"config_file={conf}" in services[name]["command"]
        hba = next(t for t, s in postgres.items() if s == "./postgres/pg_hba.conf")
        assert f"hba_file={hba}" in services[name]["command"]
    assert mounts("postgres")["/docker-entrypoint-initdb.d"] == "./postgres/init"

    assert mounts("prometheus")["/etc/prometheus"] == "./prometheus"
    config = next(
        c.split("=", 1)[1]
        for c in services["prometheus"]["command"]
        if c.startswith("--config.file=")
    )
    assert (PROMETHEUS / Path(config).relative_to("/etc/prometheus")).is_file()

    grafana = mounts("grafana")
    assert grafana["/etc/grafana/provisioning"] == "./grafana/provisioning"
    provider = yaml.safe_load(
        (DEPLOY / "grafana/provisioning/dashboards/vocabquiz.yml").read_text()
    )
    assert grafana[provider["providers"][0]["options"]["path"]] == "./grafana/dashboards"


def test_compose_prometheus_config_scrapes_the_compose_services() -> None:
    """prometheus.compose.yml is prometheus.yml with the app found by DNS, and its targets are
    names and ports of compose services."""
    base = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    ours = yaml.safe_load((PROMETHEUS / "prometheus.compose.yml").read_text())
    assert {k: v for k, v in ours.items() if k != "scrape_configs"} == {
        k: v for k, v in base.items() if k != "scrape_configs"
    }
    base_jobs = {j["job_name"]: j for j in base["scrape_configs"]}
    our_jobs = {j["job_name"]: j for j in ours["scrape_configs"]}
    assert set(our_jobs) == set(base_jobs)
    for name in ("redis", "postgres"):
        assert our_jobs[name] == base_jobs[name]
    app_job = our_jobs["vocabquiz"]
    assert app_job["metrics_path"] == base_jobs["vocabquiz"]["metrics_path"]
    (dns,) = app_job["dns_sd_configs"]
    services = compose()["services"]
    assert dns["names"] == ["app"] and dns["port"] == 8000 and "app" in services
    for name in ("redis", "postgres"):
        for target in our_jobs[name]["static_configs"][0]["targets"]:
            host = target.split(":")[0]
            assert host in services, f"{target}: no such compose service"
    assert services["redis-exporter"]["environment"]["REDIS_ADDR"] == "redis://redis:6379"
    done = subprocess.run(
        [tool("promtool"), "check", "config", str(PROMETHEUS / "prometheus.compose.yml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def compose_env(name: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """A service's environment with deploy/.env.example's values (or `env`) put in."""
    values = env_example() if env is None else env
    service = compose()["services"][name]
    return {k: interpolate(str(v), values) for k, v in service["environment"].items()}


def duration_s(value: str) -> float:
    """Compose's durations as used here: 15s, 1m30s."""
    parts = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", value)
    assert parts and value, value
    return int(parts[1] or 0) * 60 + int(parts[2] or 0)


def test_compose_worker_runs_the_jobs_with_the_apps_settings() -> None:
    services = compose()["services"]
    app, worker = services["app"], services["worker"]
    assert worker["command"] == ["vocabquiz", "worker"]
    assert (worker["build"], worker["image"]) == (app["build"], app["image"])
    app_env, worker_env = compose_env("app"), compose_env("worker")
    # The same settings, but the instances leave the jobs to the worker.
    assert {k: v for k, v in app_env.items() if k != "VOCABQUIZ_SERVE_RUNS_JOBS"} == worker_env
    assert settings_from(app_env).serve_runs_jobs is False
    worker_settings = settings_from(worker_env)
    assert set(worker_env) >= REQUIRED and not worker_settings.is_sqlite
    assert worker_settings.redis_url == settings_from(app_env).redis_url
    # No HTTP: no port, and not the image's health check (it asks /healthz of the worker).
    assert not {"ports", "expose", "labels"} & set(worker)
    assert "/healthz" in DOCKERFILE.read_text() and worker["healthcheck"] == {"disable": True}
    assert worker["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert worker["depends_on"] == app["depends_on"]
    assert worker["restart"] in {"always", "unless-stopped", "on-failure"}
    assert duration_s(worker["stop_grace_period"]) > WORKER_SHUTDOWN_S


def postgres_options(name: str) -> dict[str, str]:
    """The `-c name=value` options of a PostgreSQL service's command."""
    command = compose()["services"][name]["command"]
    assert command[0] == "postgres" and command[1::2] == ["-c"] * (len(command) // 2)
    return dict(option.split("=", 1) for option in command[2::2])


def test_compose_replica_streams_from_the_primary_and_the_app_reads_from_it() -> None:
    services = compose()["services"]
    primary, replica = services["postgres"], services["postgres-replica"]
    assert replica["image"] == primary["image"]
    # The very same settings: a standby needs at least the primary's connection limits.
    assert replica["command"] == primary["command"]
    options = postgres_options("postgres")
    assert options["wal_level"] in {"replica", "logical"} and int(options["max_wal_senders"]) > 0
    # The entrypoint copies the primary into an empty data directory, then starts PostgreSQL
    # through the image's own entrypoint.
    entrypoint = replica["entrypoint"]
    assert entrypoint[0] == "bash" and mounts("postgres-replica")[entrypoint[1]] == (
        "./postgres/replica-entrypoint.sh"
    )
    script = REPLICA_ENTRYPOINT.read_text()
    for flag in ("pg_basebackup", "--write-recovery-conf", "--wal-method=stream"):
        assert flag in script
    assert 'exec docker-entrypoint.sh "$@"' in script
    replica_volume = next(v for v in replica["volumes"] if v.endswith(":/var/lib/postgresql/data"))
    primary_volume = next(v for v in primary["volumes"] if v.endswith(":/var/lib/postgresql/data"))
    assert replica_volume != primary_volume
    assert replica["depends_on"]["postgres"]["condition"] == "service_healthy"

    # It connects to the primary as the role made for it, which pg_hba.conf lets replicate.
    env, primary_env = compose_env("postgres-replica"), compose_env("postgres")
    settings = settings_from(compose_env("app"))
    primary_url = urlsplit(settings.database_url)
    assert (env["PRIMARY_HOST"], int(env["PRIMARY_PORT"])) == (
        primary_url.hostname,
        primary_url.port,
    )
    assert env["PRIMARY_HOST"] == "postgres"
    assert env["REPLICATION_PASSWORD"] == primary_env["POSTGRES_REPLICATION_PASSWORD"]
    role = env["REPLICATION_USER"]
    assert f"CREATE ROLE {role} WITH LOGIN REPLICATION" in REPLICATION_ROLE_SCRIPT.read_text()
    lines = PG_HBA.read_text().splitlines()
    hba = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert ["host", "replication", role, "all", "scram-sha-256"] in hba

    # The app reads from the replica as the same user of the same database.
    assert settings.database_read_url is not None
    read_url = urlsplit(settings.database_read_url)
    assert read_url.hostname == "postgres-replica" and read_url.port == 5432
    assert (read_url.username, read_url.password, read_url.path) == (
        primary_url.username,
        primary_url.password,
        primary_url.path,
    )
    # A replica that is away is passed over: the instances do not wait for it.
    for name in ("app", "worker"):
        assert "postgres-replica" not in services[name]["depends_on"]


def commented_env_example() -> dict[str, str]:
    """The commented-out `# NAME=value` lines of deploy/.env.example: the alternatives."""
    pairs = re.findall(r"^# ([A-Z0-9_]+)=(\S*)$", ENV_EXAMPLE.read_text(), flags=re.M)
    return dict(pairs)


def test_compose_redis_cluster_profile_makes_one_cluster_of_six_nodes() -> None:
    services = compose()["services"]
    for name in (*CLUSTER_NODES, "redis-cluster-create"):
        assert services[name]["profiles"] == ["redis-cluster"], name
    # Everything else runs without the profile: the single Redis stays the default.
    assert all("profiles" not in s for n, s in services.items() if not n.startswith("redis-"))
    assert "profiles" not in services["redis"] and "profiles" not in services["redis-exporter"]
    for name in CLUSTER_NODES:
        command = services[name]["command"]
        assert command[0] == "redis-server"
        flags = dict(zip(command[1::2], command[2::2], strict=True))
        assert flags["--cluster-enabled"] == "yes"
        assert 1000 <= int(flags["--cluster-node-timeout"]) <= 15000
        # A primary that is away stops its own sessions only, not the whole cluster.
        assert flags["--cluster-require-full-coverage"] == "no"
        assert (flags["--save"], flags["--appendonly"]) == ("", "no")

    create = services["redis-cluster-create"]
    nodes = create["environment"]["REDIS_CLUSTER_NODES"].split()
    assert nodes == [f"{name}:6379" for name in CLUSTER_NODES]
    assert create["depends_on"] == {n: {"condition": "service_healthy"} for n in CLUSTER_NODES}
    assert create["restart"] == "no"
    assert create["command"][0] == "sh"
    assert mounts("redis-cluster-create")[create["command"][1]] == "./redis/cluster-create.sh"
    script = CLUSTER_CREATE.read_text()
    assert "redis-cli --cluster create $addresses --cluster-replicas 1 --cluster-yes" in script
    # The instances and the worker wait for it when the profile is on, and only then.
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["redis-cluster-create"] == {
            "condition": "service_completed_successfully",
            "required": False,
        }

    # deploy/.env.example's alternative lines switch the app to the cluster.
    example, alternative = env_example(), commented_env_example()
    assert alternative["COMPOSE_PROFILES"] == "redis-cluster"
    assert settings_from(compose_env("app")).redis_cluster is False
    settings = settings_from(compose_env("app", {**example, **alternative}))
    assert settings.redis_cluster is True and settings.redis_url
    url = urlsplit(settings.redis_url)
    assert f"{url.hostname}:{url.port}" in nodes and url.path in {"", "/", "/0"}


# --- deploy/Dockerfile -------------------------------------------------------------------------


def test_dockerfile_builds_the_web_app_and_serves_as_a_non_root_user() -> None:
    text = DOCKERFILE.read_text()
    instructions = [
        line.split(None, 1)
        for line in re.sub(r"\\\n\s*", " ", text).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    froms = [rest for word, rest in instructions if word == "FROM"]
    assert froms[0].startswith("node:") and froms[-1] == "python:3.11-slim", froms
    assert any("npm run build" in rest for word, rest in instructions if word == "RUN")
    assert any(
        "--constraint requirements.lock" in rest for word, rest in instructions if word == "RUN"
    )
    (user,) = [rest for word, rest in instructions if word == "USER"]
    assert user not in {"root", "0"}
    (health,) = [rest for word, rest in instructions if word == "HEALTHCHECK"]
    assert "/healthz" in health
    (cmd,) = [rest for word, rest in instructions if word == "CMD"]
    assert cmd == '["vocabquiz", "serve", "--host", "0.0.0.0", "--port", "8000"]'
    assert "VOCABQUIZ_WEB_DIR=/app/web" in text and "COPY --from=web /web/dist /app/web" in text


# --- deploy/k8s --------------------------------------------------------------------------------


def k8s_documents() -> list[dict[str, Any]]:
    return [
        doc
        for path in sorted(K8S.glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
        if doc
    ]


def one(kind: str, name: str | None = None) -> dict[str, Any]:
    found = [
        d
        for d in k8s_documents()
        if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]
    assert len(found) == 1, f"{kind} {name or ''}: {len(found)} found"
    return found[0]


def deployment_parts(
    name: str = "vocabquiz",
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    deployment = one("Deployment", name)
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    return deployment, pod, container


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def test_k8s_files_are_all_in_the_kustomization_and_one_namespace() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files
    namespace = one("Namespace")["metadata"]["name"]
    assert kustomization["namespace"] == namespace
    for doc in k8s_documents():
        if doc["kind"] not in {"Namespace", "Kustomization"}:
            assert doc["metadata"]["namespace"] == namespace, doc["metadata"]["name"]


def test_k8s_settings_come_from_the_configmap_and_the_secret_and_are_accepted() -> None:
    _, _, container = deployment_parts()
    config_map, secret = one("ConfigMap"), one("Secret")
    refs = {next(iter(ref)): next(iter(ref.values()))["name"] for ref in container["envFrom"]}
    assert refs == {
        "configMapRef": config_map["metadata"]["name"],
        "secretRef": secret["metadata"]["name"],
    }
    env = {**config_map["data"], **secret["stringData"]}
    names = {*env, *(e["name"] for e in container.get("env", []))}
    assert {n for n in names if n.startswith("VOCABQUIZ_")} <= SETTINGS
    assert set(secret["stringData"]) >= REQUIRED, "credentials belong in the Secret"
    settings = settings_from(env)
    assert not settings.is_sqlite and settings.redis_url
    # Example values only, and visibly so.
    assert all("EXAMPLE-CHANGE-ME" in value for value in secret["stringData"].values())
    assert "EXAMPLE VALUES ONLY" in (K8S / "secret.yaml").read_text()


def test_k8s_deployment_probes_resources_and_graceful_shutdown() -> None:
    deployment, pod, container = deployment_parts()
    assert deployment["spec"]["replicas"] >= 2
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": 8000}
    assert container["command"][-4:] == ["--host", "0.0.0.0", "--port", "8000"]
    probes = {kind: container[kind]["httpGet"] for kind in ("readinessProbe", "livenessProbe")}
    assert probes["readinessProbe"]["path"] == "/readyz"
    assert probes["livenessProbe"]["path"] == "/healthz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    for probe in (*probes.values(), container["startupProbe"]["httpGet"]):
        assert probe["port"] in ports
    resources = container["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"]) and "memory" in resources["limits"]
    pre_stop = container["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep"
    grace = pod["spec"]["terminationGracePeriodSeconds"]
    assert grace >= 15 and grace > int(pre_stop[1]) + GRACEFUL_SHUTDOWN_S
    assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
    assert selects(deployment["spec"]["selector"]["matchLabels"], pod["metadata"]["labels"])


def test_k8s_service_ingress_hpa_pdb_and_policy_point_at_the_deployment() -> None:
    deployment, pod, container = deployment_parts()
    labels = pod["metadata"]["labels"]
    service = one("Service")
    assert selects(service["spec"]["selector"], labels)
    service_ports = {p["name"] for p in service["spec"]["ports"]}
    assert all(p["targetPort"] == "http" for p in service["spec"]["ports"])

    ingress = one("Ingress", "vocabquiz")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    ping = float(one("ConfigMap")["data"].get("VOCABQUIZ_PING_INTERVAL_S", PING_INTERVAL_S))
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) > 4 * ping
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"]) > 4 * ping
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "8m"
    refused = one("Ingress", "vocabquiz-metrics-refused")
    assert refused["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/whitelist-source-range"
    ] == ("127.0.0.1/32")
    for each, only_metrics in ((ingress, False), (refused, True)):
        for rule in each["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert backend["name"] == service["metadata"]["name"]
                assert backend["port"]["name"] in service_ports
                if only_metrics:
                    assert (path["path"], path["pathType"]) == ("/metrics", "Exact")

    hpa = one("HorizontalPodAutoscaler")
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == (
        "apps/v1",
        "Deployment",
        deployment["metadata"]["name"],
    )
    assert hpa["spec"]["minReplicas"] >= 2
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"

    pdb = one("PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
    assert selects(pdb["spec"]["selector"]["matchLabels"], labels)
    assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]

    policy = one("NetworkPolicy", "vocabquiz")
    assert selects(policy["spec"]["podSelector"]["matchLabels"], labels)
    assert {p["port"] for rule in policy["spec"]["ingress"] for p in rule["ports"]} <= {
        *container["ports"][0].values()
    }


def test_k8s_worker_runs_the_jobs_with_the_apps_settings_and_stops_gracefully() -> None:
    web, web_pod, web_container = deployment_parts()
    worker, pod, container = deployment_parts("vocabquiz-worker")
    assert container["command"] == ["vocabquiz", "worker"]
    assert container["image"] == web_container["image"]
    # The same ConfigMap and Secret; the web pods alone leave the jobs to others.
    assert container["envFrom"] == web_container["envFrom"]
    web_env = {e["name"]: e["value"] for e in web_container.get("env", [])}
    assert web_env.get("VOCABQUIZ_SERVE_RUNS_JOBS") == "false"
    worker_env = {e["name"]: e["value"] for e in container.get("env", [])}
    assert worker_env.get("VOCABQUIZ_SERVE_RUNS_JOBS", "true") != "false"
    # No HTTP: no port, no probe asking for a path.
    assert "ports" not in container
    for kind in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert "httpGet" not in container.get(kind, {}), kind
    resources = container["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"]) and "memory" in resources["limits"]
    assert pod["spec"]["terminationGracePeriodSeconds"] >= WORKER_SHUTDOWN_S + 5
    assert pod["spec"]["securityContext"] == web_pod["spec"]["securityContext"]
    assert container["securityContext"] == web_container["securityContext"]
    labels = pod["metadata"]["labels"]
    assert selects(worker["spec"]["selector"]["matchLabels"], labels)
    assert worker["spec"]["replicas"] >= 1
    # Not a web pod: the Service, the PDB and the HPA leave it out.
    assert not selects(one("Service")["spec"]["selector"], labels)
    assert not selects(one("PodDisruptionBudget")["spec"]["selector"]["matchLabels"], labels)
    assert not selects(worker["spec"]["selector"]["matchLabels"], web_pod["metadata"]["labels"])
    assert (
        one("HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]["name"]
        == (web["metadata"]["name"])
    )
    # Nothing reaches it; its own connections (PostgreSQL, Redis) are as free as the app's.
    policy, web_policy = one("NetworkPolicy", "vocabquiz-worker"), one("NetworkPolicy", "vocabquiz")
    assert selects(policy["spec"]["podSelector"]["matchLabels"], labels)
    assert not selects(web_policy["spec"]["podSelector"]["matchLabels"], labels)
    assert policy["spec"]["ingress"] == []
    assert policy["spec"]["policyTypes"] == web_policy["spec"]["policyTypes"] == ["Ingress"]


def test_k8s_configmap_has_the_cluster_switch_and_the_jobs_settings_at_their_defaults() -> None:
    data = one("ConfigMap")["data"]
    assert data["VOCABQUIZ_REDIS_CLUSTER"] == "false"
    for name in (
        "import_background_rows",
        "housekeeping_interval_s",
        "idle_session_close_s",
        "guest_kept_s",
    ):
        assert int(data[f"VOCABQUIZ_{name.upper()}"]) == Settings.model_fields[name].default
    secret = one("Secret")["stringData"]
    read_url = settings_from(secret).database_read_url
    assert read_url and read_url.startswith("postgresql+asyncpg://")
    assert read_url != settings_from(secret).database_url


# --- deploy/nginx ------------------------------------------------------------------------------


def nginx_block(text: str, header: str) -> str:
    """The body of the first `header { ... }` block (no nested blocks inside)."""
    match = re.search(re.escape(header) + r"\s*\{([^{}]*)\}", text)
    assert match, f"no `{header}` block"
    return match[1]


def seconds(value: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = re.fullmatch(r"(\d+)(ms|s|m|h|d)?", value).groups()  # type: ignore[union-attr]
    return int(number) * units[unit or "s"]


@pytest.mark.parametrize("directive", ["proxy_buffering off;", "proxy_cache off;", "gzip off;"])
def test_nginx_streams_events_unbuffered(directive: str) -> None:
    events = nginx_block(NGINX_SITE.read_text(), r"location ~ ^/api/sessions/[^/]+/events$")
    assert directive in events
    assert "proxy_pass http://vocabquiz;" in events


def test_nginx_keeps_idle_streams_and_forwards_the_client_address() -> None:
    text = NGINX_SITE.read_text()
    events = nginx_block(text, r"location ~ ^/api/sessions/[^/]+/events$")
    for directive in ("proxy_read_timeout", "proxy_send_timeout"):
        (value,) = re.findall(rf"{directive} (\S+);", events)
        assert seconds(value) > 4 * PING_INTERVAL_S
    # Keep-alive to the instances, and the client address set (not appended: see the file).
    assert "proxy_http_version 1.1;" in text and 'proxy_set_header Connection "";' in text
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text
    assert "deny all;" in nginx_block(text, "location = /metrics")
    assert re.search(r"client_max_body_size 8m;", text)
    upstream = nginx_block(text, "upstream vocabquiz")
    assert len(re.findall(r"^\s*server \S+;?", upstream, flags=re.M)) >= 2


def test_nginx_main_config_carries_the_streams_it_says() -> None:
    text = (DEPLOY / "nginx" / "nginx.conf").read_text()
    (connections,) = map(int, re.findall(r"worker_connections (\d+);", text))
    (files,) = map(int, re.findall(r"worker_rlimit_nofile (\d+);", text))
    (said,) = re.findall(r"carry ([\d,]+) streams\s+# per worker", text)
    # A stream is two connections (the learner's and the instance's), each a file descriptor.
    assert connections >= 2 * int(said.replace(",", ""))
    assert files >= connections
    assert "include /etc/nginx/conf.d/*.conf;" in nginx_block(text, "http")


# --- the scripts Compose runs, run here --------------------------------------------------------


def answers_ping(port: int) -> bool:
    return "PONG" in redis_cli(port, "ping")


def redis_cli(port: int, *args: str) -> str:
    done = subprocess.run(
        ["redis-cli", "-p", str(port), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return done.stdout


@pytest.fixture
def cluster_nodes(tmp_path: Path) -> Iterator[list[int]]:
    """Six redis-server processes run as the profile's nodes are (its command, on ports of
    127.0.0.1), not yet a cluster."""
    node_command = compose()["services"][CLUSTER_NODES[0]]["command"]
    server = tool("redis-server", install="apt-get install redis-server")
    processes: list[subprocess.Popen[bytes]] = []
    ports: list[int] = []
    try:
        for _ in CLUSTER_NODES:
            port = free_cluster_port()
            folder = tmp_path / str(port)
            folder.mkdir()
            args = [server, *node_command[1:], "--port", str(port), "--bind", "127.0.0.1"]
            processes.append(start([*args, "--dir", str(folder)], folder / "redis.log"))
            ports.append(port)
            wait_until(partial(answers_ping, port), 10, f"node on {port}")
        yield ports
    finally:
        stop(*processes)


def test_cluster_create_script_makes_one_cluster_and_leaves_it_alone_after(
    cluster_nodes: list[int],
) -> None:
    # The nodes by name, as the profile gives them (the script resolves them).
    nodes = " ".join(f"localhost:{port}" for port in cluster_nodes)

    def create() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", str(CLUSTER_CREATE)],
            env={**os.environ, "REDIS_CLUSTER_NODES": nodes},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    done = create()
    assert done.returncode == 0, done.stdout + done.stderr

    def table() -> list[list[str]]:
        return [
            line.split() for line in redis_cli(cluster_nodes[0], "cluster", "nodes").splitlines()
        ]

    def settled() -> bool:
        """Every node sees the cluster ok, and the first one sees three primaries and three
        replicas (the replicas' roles reach it by gossip)."""
        ok = all("cluster_state:ok" in redis_cli(p, "cluster", "info") for p in cluster_nodes)
        return ok and sum("slave" in fields[2] for fields in table()) == 3

    wait_until(settled, 30, "the cluster of three primaries and three replicas")
    nodes_table = table()
    primaries = {fields[0] for fields in nodes_table if "master" in fields[2]}
    followed = [fields[3] for fields in nodes_table if "slave" in fields[2]]
    assert len(nodes_table) == 6 and len(primaries) == 3
    assert sorted(followed) == sorted(primaries), "one replica for each primary"

    again = create()
    assert again.returncode == 0 and "nothing to do" in again.stdout, again.stdout + again.stderr
    assert sorted(fields[0] for fields in table()) == sorted(f[0] for f in nodes_table)


def as_postgres(args: list[str], env: dict[str, str] | None = None) -> list[str]:
    """`args` as the `postgres` OS user when we are root (the server refuses root), with `env`."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    # From /: the checkout the tests run in may be closed to that user.
    return [*prefix, "env", "-C", "/", *(f"{k}={v}" for k, v in (env or {}).items()), *args]


def run_as_postgres(args: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        as_postgres(args, env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"{args[0]}: {done.stdout}{done.stderr}"


def server_options(name: str, port: int, sockets: Path, deploy: Path = DEPLOY) -> list[str]:
    """The `-c` options of a PostgreSQL service, with the files it mounts read from `deploy`
    (deploy/ or a copy), on `port` of 127.0.0.1 and with its sockets in `sockets`."""
    mounted = {target: str(deploy / source) for target, source in mounts(name).items()}
    options = postgres_options(name)
    options.update({key: mounted[options[key]] for key in ("config_file", "hba_file")})
    options.update(listen_addresses="127.0.0.1", port=str(port), fsync="off")
    options.update(unix_socket_directories=str(sockets), shared_buffers="32MB")
    return [arg for key, value in options.items() for arg in ("-c", f"{key}={value}")]


def psql(url: str, statement: str) -> str:
    """`statement`'s result (tuples only), or "" when the server does not answer (yet)."""
    bin_dir = Path(sorted(glob.glob(PG_BIN_GLOB))[-1]).parent
    done = subprocess.run(
        [str(bin_dir / "psql"), url, "-X", "-Atc", statement],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def at(url: str, port: int) -> str:
    """`url` with 127.0.0.1:`port` in place of its host and port."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    return parts._replace(netloc=f"{credentials}@127.0.0.1:{port}").geturl()


@pytest.fixture
def pg_folder() -> Iterator[Path]:
    if not glob.glob(PG_BIN_GLOB):
        message = f"PostgreSQL ({PG_BIN_GLOB}) is not installed"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    # Outside pytest's root-only tmp folder, so that the postgres user can use it.
    folder = Path(tempfile.mkdtemp(prefix="vq-deploy-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_replica_entrypoint_copies_the_primary_then_streams_from_it(pg_folder: Path) -> None:
    """The primary as Compose runs it (its settings, pg_hba.conf, the init script making the
    replication role), then postgres-replica's entrypoint on an empty data directory: the app's
    read URL reaches a standby that shows what the primary commits."""
    bin_dir = Path(sorted(glob.glob(PG_BIN_GLOB))[-1]).parent
    path = f"{pg_folder / 'bin'}:{bin_dir}:{os.environ['PATH']}"
    primary_env, replica_env = compose_env("postgres"), compose_env("postgres-replica")
    app_env = compose_env("app")
    primary_dir, replica_dir = pg_folder / "primary", pg_folder / "replica"
    sockets, replica_sockets = pg_folder / "sockets", pg_folder / "replica-sockets"
    for folder in (pg_folder / "bin", replica_dir, sockets, replica_sockets):
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
    primary_port, replica_port = free_port(), free_port()
    # The image's entrypoint, once the data directory holds a database: it starts the server.
    stand_in = pg_folder / "bin" / "docker-entrypoint.sh"
    stand_in.write_text('#!/bin/sh\n[ "$1" = postgres ] && shift\nexec postgres "$@"\n')
    stand_in.chmod(0o755)
    # The deploy files as the postgres user may read them (the checkout may be closed to it).
    deploy = pg_folder / "deploy"
    shutil.copytree(DEPLOY, deploy)
    if os.geteuid() == 0:
        for copied in [deploy, *deploy.rglob("*")]:
            shutil.chown(copied, "postgres", "postgres")
    password_file = pg_folder / "password"
    password_file.write_text(primary_env["POSTGRES_PASSWORD"] + "\n")
    if os.geteuid() == 0:
        shutil.chown(password_file, "postgres", "postgres")

    replica: subprocess.Popen[bytes] | None = None
    try:
        # What the image does on a new volume: initdb, the database, the init scripts.
        user, database = primary_env["POSTGRES_USER"], primary_env["POSTGRES_DB"]
        initdb = [str(bin_dir / "initdb"), "-D", str(primary_dir), "-U", user]
        run_as_postgres([*initdb, f"--pwfile={password_file}", "-E", "UTF8", "--no-sync"])
        options = server_options("postgres", primary_port, sockets, deploy)
        pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(primary_dir), "-l", str(pg_folder / "p.log")]
        run_as_postgres([*pg_ctl, "-o", " ".join(options), "-w", "-t", "60", "start"])
        local = {"PGHOST": str(sockets), "PGPORT": str(primary_port), "PATH": path}
        createdb = [str(bin_dir / "createdb"), "-U", user, database]
        run_as_postgres(createdb, local)
        init_env = {**local, **{k: v for k, v in primary_env.items() if k.startswith("POSTGRES_")}}
        role_script = deploy / REPLICATION_ROLE_SCRIPT.relative_to(DEPLOY)
        run_as_postgres(["bash", str(role_script)], init_env)

        env = {**replica_env, "PRIMARY_HOST": "127.0.0.1", "PRIMARY_PORT": str(primary_port)}
        env |= {"PGDATA": str(replica_dir), "PATH": path}
        entrypoint = ["bash", str(deploy / REPLICA_ENTRYPOINT.relative_to(DEPLOY)), "postgres"]
        standby = server_options("postgres-replica", replica_port, replica_sockets, deploy)
        command = as_postgres([*entrypoint, *standby], env)
        replica = start(command, pg_folder / "replica.log")
        read_url = at(app_env["VOCABQUIZ_DATABASE_READ_URL"], replica_port)
        primary_url = at(app_env["VOCABQUIZ_DATABASE_URL"], primary_port)

        def standby_up() -> bool:
            assert replica.poll() is None, (pg_folder / "replica.log").read_text()[-3000:]
            return psql(read_url, "SELECT pg_is_in_recovery()") == "t"

        wait_until(standby_up, 90, "the standby answering the app's read URL")
        psql(primary_url, "CREATE TABLE deployed (n int); INSERT INTO deployed VALUES (42)")
        wait_until(
            lambda: psql(read_url, "SELECT sum(n) FROM deployed") == "42",
            30,
            "the primary's commit on the standby",
        )
        streaming = psql(primary_url, "SELECT usename, state FROM pg_stat_replication")
        assert streaming == f"{replica_env['REPLICATION_USER']}|streaming"
        # The replica may not write, and a second start does not copy again.
        assert psql(read_url, "INSERT INTO deployed VALUES (1) RETURNING n") == ""
        assert (replica_dir / "standby.signal").exists()
    finally:
        for data in (replica_dir, primary_dir):
            if (data / "postmaster.pid").exists():
                stop_command = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate"]
                subprocess.run(as_postgres([*stop_command, "stop"]), timeout=60, check=False)
        if replica is not None:
            stop(replica)
