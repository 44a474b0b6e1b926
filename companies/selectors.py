from .models import Company, HRStaff


def hr_company_for_user(user) -> Company | None:
    """The member company an HR user currently works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    position = HRStaff.objects.select_related("company").filter(user=user, left_at__isnull=True).first()
    return position.company if position else None


def user_is_member_hr(user) -> bool:
    company = hr_company_for_user(user)
    return company is not None and company.is_member
