"""The deployment files (deploy/compose.yaml, deploy/Dockerfile, deploy/k8s, deploy/nginx) use only
settings the app has, with values it accepts, and hang together: probes, selectors, names, ports."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.servers import tool
from vocabquiz.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / ".env.example"
DOCKERFILE = DEPLOY / "Dockerfile"
K8S = DEPLOY / "k8s"
NGINX_SITE = DEPLOY / "nginx" / "vocabquiz.conf"
PROMETHEUS = DEPLOY / "prometheus"
SETTINGS = {f"VOCABQUIZ_{name.upper()}" for name in Settings.model_fields}
REQUIRED = {"VOCABQUIZ_DATABASE_URL", "VOCABQUIZ_REDIS_URL", "VOCABQUIZ_SECRET_KEY"}
# uvicorn's timeout_graceful_shutdown in src/vocabquiz/cli.py.
GRACEFUL_SHUTDOWN_S = 8
PING_INTERVAL_S = Settings.model_fields["ping_interval_s"].default


def deploy_texts() -> dict[Path, str]:
    files = [COMPOSE, ENV_EXAMPLE, DOCKERFILE, NGINX_SITE, *sorted(K8S.glob("*.yaml"))]
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
        "redis",
        "app",
        "traefik",
        "prometheus",
        "grafana",
        "redis-exporter",
        "postgres-exporter",
    }
    # The exporters' images have no shell or client to check themselves with: Prometheus does.
    for name in ("postgres", "redis", "app", "traefik", "prometheus", "grafana"):
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


def test_compose_mounts_the_deploy_files_where_the_images_read_them() -> None:
    services = compose()["services"]

    def mounts(name: str) -> dict[str, str]:
        """Container path -> host path (relative to deploy/) of the service's bind mounts."""
        found = {}
        for volume in services[name].get("volumes", []):
            source, target = volume.split(":")[:2]
            if source.startswith("."):
                assert (COMPOSE.parent / source).exists(), f"{name}: {source} does not exist"
                found[target] = source
        return found

    postgres = mounts("postgres")
    conf = next(t for t, s in postgres.items() if s == "./postgres/vocabquiz.conf")
    assert f"config_file={conf}" in services["postgres"]["command"]
    assert postgres["/docker-entrypoint-initdb.d"] == "./postgres/init"

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


def deployment_parts() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    deployment = one("Deployment")
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

    policy = one("NetworkPolicy")
    assert selects(policy["spec"]["podSelector"]["matchLabels"], labels)
    assert {p["port"] for rule in policy["spec"]["ingress"] for p in rule["ports"]} <= {
        *container["ports"][0].values()
    }


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
