# Lärplattformen: the production image (gunicorn + WhiteNoise). Documentation of a real
# deployment, kept consistent with the settings; see compose.yaml and docs/operations.md
# ("Running Lärplattformen in production").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=platform_site.settings.production \
    STATIC_ROOT=/app/static_collected \
    MEDIA_ROOT=/app/media \
    PORT=8000

# pg_dump/pg_restore for `python -m core.backup`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Exact, hashed versions only (regenerate with `make lock`).
COPY requirements/production.txt requirements/production.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/production.txt

COPY . .
# collectstatic needs settings but no real secrets or database: throwaway values for this step only.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
    WAGTAILADMIN_BASE_URL=http://localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --create-home --uid 1000 app \
    && mkdir -p /app/media && chown app:app /app/media

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/health/', timeout=4)"
# Settings come from the environment (.env.example); gunicorn from gunicorn.conf.py.
CMD ["gunicorn", "platform_site.wsgi"]
