"""The coordinator's screens: residences and units, the rules, applications in order with the
units free for each, bookings (occupancy, moves, CSV, extending and ending stays) and rent due.
Every change of state goes through the services, and says what it did."""

from . import applications, bookings, residences  # noqa: F401  (each registers its ModelAdmins)
