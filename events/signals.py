from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category, Event, SignUp
from .services import calendar_changed


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def calendar_cache_invalidate(sender, **kwargs):
    # Admin edits and generated occurrences change the calendar without going through services.
    calendar_changed()


@receiver(post_save, sender=SignUp)
@receiver(post_delete, sender=SignUp)
def calendar_cache_invalidate_signups(sender, instance, **kwargs):
    # A sign-up changes what its activity's pages show, not the rest of the calendar.
    try:
        event = instance.event
    except Event.DoesNotExist:  # deleted with its activity: that deletion refreshes everything
        calendar_changed()
        return
    calendar_changed(signups_of=event)
