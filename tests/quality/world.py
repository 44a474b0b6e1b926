"""The cast of the authorization matrix: one user per role, two companies.

Each app adds its own objects in `tests/<app>/authz.py` (see tests/quality/README in
test_authz_matrix.py): `setup(world)` creates objects owned by `world.newcomer` /
`world.company_a`, and `URLS` maps each URL name to its kwargs and the expected status
of a GET for every role.
"""

from dataclasses import dataclass, field

from network.models import User
from tests.companies.factories import CompanyFactory, HRStaffFactory
from tests.mentors.factories import VolunteerFactory
from tests.network.factories import CoordinatorFactory, UserFactory

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")


@dataclass
class World:
    newcomer: User
    other_newcomer: User
    hr_a: User
    hr_b: User
    volunteer: User
    coordinator: User
    company_a: object
    company_b: object
    extra: dict = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)

    def __getattr__(self, name):
        # Objects added by the apps' setup(world) functions live in `extra`.
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        if name in self.__dataclass_fields__:
            super().__setattr__(name, value)
        elif name in self.extra:
            # Two apps' setup(world) naming their objects alike would test one app's URLs with the
            # other's ids (on SQLite the ids often coincide, so it passes there and fails elsewhere).
            raise AttributeError(f"world.{name} is already set by another app's setup: choose another name")
        else:
            self.extra[name] = value


def build_world() -> World:
    company_a = CompanyFactory(name="Company A AS")
    company_b = CompanyFactory(name="Company B AS")
    return World(
        newcomer=UserFactory(email="newcomer@example.com", kind=User.Kind.NEWCOMER),
        other_newcomer=UserFactory(email="other@example.com", kind=User.Kind.NEWCOMER),
        hr_a=HRStaffFactory(company=company_a, user__email="hr-a@example.com").user,
        hr_b=HRStaffFactory(company=company_b, user__email="hr-b@example.com").user,
        volunteer=VolunteerFactory(user__email="volunteer@example.com").user,
        coordinator=CoordinatorFactory(email="coordinator@example.com"),
        company_a=company_a,
        company_b=company_b,
    )
