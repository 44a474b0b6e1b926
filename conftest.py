import os

# Plain `pytest` (without make) gets the same local settings as `make test`.
os.environ.setdefault("DEBUG", "true")
