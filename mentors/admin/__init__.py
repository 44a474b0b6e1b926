"""The coordinator's screens for the mentor scheme: volunteers and their applications, what newcomers
ask for (with the ranked suggestions and a Propose button), matches, follow-ups and messages sent.

Every change goes through `mentors.services`, and every action says what it did. Rows are never
added here: volunteers apply and newcomers ask on the site, and matches are made by Propose.
"""

from . import matching, volunteers  # noqa: F401  (each registers its ModelAdmins)
