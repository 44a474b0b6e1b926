# The portal's image: the same for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (welcome-pack PDFs) needs Pango; gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir . && pip uninstall -y expat-network-portal
COPY . .

# collectstatic needs settings that load: a build-time key that is never used to sign anything.
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && DEBUG=false SECRET_KEY=build-only-not-secret python manage.py compilemessages --ignore '.venv/*' -v0

RUN useradd --create-home --uid 1000 portal && mkdir -p /app/var/media && chown -R portal /app/var
USER portal

EXPOSE 8000
CMD ["gunicorn", "network.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--worker-class", "sync", "--access-logfile", "-"]
