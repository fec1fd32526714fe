# syntax=docker/dockerfile:1
# Doorstep, production image: the API (`doorstep api`) and the worker (`doorstep worker`)
# run from this one image; docker-compose.yml shows the wiring.
#
#   docker build -t doorstep .
#
# Stage 1 builds the two front ends (npm workspaces, with the code they share in web-shared/);
# stage 2 is the Python runtime with their dist/ folders.

# ---------------------------------------------------------------------------- front ends
FROM node:20-bookworm-slim AS frontends
# The lock file was written by npm 11 (the version these builds are known to work with).
RUN npm install --global npm@11 && npm --version
WORKDIR /src
# Both apps use the API types web-shared generates from the committed contract, openapi/openapi.json.
COPY openapi/openapi.json openapi/openapi.json
# Dependencies first, so that a source change does not re-download them. One npm workspace root
# and one lock file, which lists every workspace (so their package.json files come along), but only
# the front ends' packages are installed: not the end-to-end suite's Playwright.
COPY package.json package-lock.json ./
COPY web-shared/package.json web-shared/
COPY portal-pwa/package.json portal-pwa/
COPY agency-spa/package.json agency-spa/
COPY tests/e2e/package.json tests/e2e/
RUN npm ci --no-audit --no-fund --include-workspace-root \
      --workspace web-shared --workspace portal-pwa --workspace agency-spa
COPY web-shared/ web-shared/
COPY portal-pwa/ portal-pwa/
COPY agency-spa/ agency-spa/
RUN npm run build --workspace portal-pwa --workspace agency-spa

# ---------------------------------------------------------------------------- runtime
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Third-party dependencies, pinned; a layer of their own so code changes reuse it.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# The package itself. Editable, so that the code stays at /app/backend: Doorstep finds
# alembic.ini, migrations/ and the front ends relative to the checkout root (/app).
COPY pyproject.toml alembic.ini ./
COPY migrations/ migrations/
COPY backend/ backend/
RUN pip install --no-deps --editable . && doorstep --help > /dev/null

COPY --from=frontends /src/portal-pwa/dist/ portal-pwa/dist/
COPY --from=frontends /src/agency-spa/dist/ agency-spa/dist/

ENV DOORSTEP_ENV=production \
    DOORSTEP_PORTAL_DIST=/app/portal-pwa/dist \
    DOORSTEP_AGENCY_DIST=/app/agency-spa/dist

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin doorstep
USER doorstep

EXPOSE 8000
# No HEALTHCHECK here: the worker runs from this image too. docker-compose.yml gives the api
# service one (GET /healthz).
CMD ["doorstep", "api", "--host", "0.0.0.0", "--port", "8000"]
