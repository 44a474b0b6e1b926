from celery import shared_task

from network.models import User

from .services import account_erase, welcome_pack_send


@shared_task
def welcome_pack_send_task(user_id: int, force: bool = False) -> bool:
    """Send (once) the welcome pack; retried or duplicated runs send nothing twice."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return welcome_pack_send(user=user, force=force) if user else False


@shared_task
def account_erase_task(user_id: int, erasure_id: int | None = None) -> bool:
    return account_erase(user_id=user_id, erasure_id=erasure_id)
