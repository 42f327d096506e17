# syntax=docker/dockerfile:1
# pledgewatch in a container: slim Python, a non-root user, health checked on /healthz.
#   docker build -t pledgewatch .                              # the lexical matcher
#   docker build -t pledgewatch --build-arg WITH_SEMANTIC=1 .  # plus the semantic stage, pledgewatch[semantic]
# The data volume /var/lib/pledgewatch holds the SQLite database and the watchlist (edited with /watch).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG WITH_SEMANTIC=0
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY . .
# The app in a virtual environment of its own, copied whole into the final image.
RUN case "${WITH_SEMANTIC}" in \
        0) extra="" ;; \
        1) extra="[semantic]" ;; \
        *) echo "WITH_SEMANTIC must be 0 or 1, got '${WITH_SEMANTIC}'" >&2; exit 1 ;; \
    esac \
    && python -m venv /opt/pledgewatch \
    && /opt/pledgewatch/bin/pip install ".${extra}"
# The container's config, with the outlets of config.example.toml added by pledgewatch itself.
RUN mkdir -p /out/etc /out/data \
    && cp container/config.toml /out/etc/config.toml \
    && /opt/pledgewatch/bin/pledgewatch feeds export --config config.example.toml > /tmp/outlets.opml \
    && /opt/pledgewatch/bin/pledgewatch feeds import /tmp/outlets.opml --config /out/etc/config.toml \
    && cp -r watchlist.toml communiques /out/data/

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/pledgewatch/bin:${PATH} \
    PYTHONUNBUFFERED=1 \
    HOME=/var/lib/pledgewatch
RUN groupadd --system --gid 10001 pledgewatch \
    && useradd --system --uid 10001 --gid pledgewatch --home-dir /var/lib/pledgewatch --no-create-home \
       --shell /usr/sbin/nologin pledgewatch
COPY --from=build /opt/pledgewatch /opt/pledgewatch
COPY --from=build /out/etc/config.toml /etc/pledgewatch/config.toml
COPY --from=build --chown=pledgewatch:pledgewatch /out/data/ /var/lib/pledgewatch/
USER 10001:10001
WORKDIR /var/lib/pledgewatch
VOLUME ["/var/lib/pledgewatch"]
EXPOSE 8080
# 503 from /healthz (no poll progress, database gone) or no answer at all makes the check fail.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
ENTRYPOINT ["pledgewatch"]
CMD ["run", "--config", "/etc/pledgewatch/config.toml"]
