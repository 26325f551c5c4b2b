"""Settings for the test suite: the real settings, with fast hashing and eager Celery.

DATABASE_URL and REDIS_URL still come from the environment, so CI runs the suite on
PostgreSQL and Redis; tests that need a real broker start a worker themselves.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# Each test process keeps its own cache, so throttling counts never cross runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
# The live server of the browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

# Files the tests make (packs, attachments) go to a folder of their own, not the project's.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="partnership-test-media-"))  # noqa: F405
