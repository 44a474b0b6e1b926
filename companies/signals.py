"""What the companies app tells the apps built on it (they connect in their AppConfig.ready)."""

from django.dispatch import Signal

# A newcomer accepted their employer's invitation: sent inside the acceptance's transaction,
# with `hire` and `user`.
hire_accepted = Signal()
