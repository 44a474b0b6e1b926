"""The yearly report is the coordinator's: for the steering group and the funders."""

import datetime as dt

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
COORDINATOR = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "coordinator": 200}


def setup(world) -> None:
    pass


URLS = {
    "reports:yearly": (lambda w: {}, COORDINATOR),
    "reports:yearly_csv": (lambda w: {"year": dt.date.today().year}, COORDINATOR),
    "reports:yearly_pdf": (lambda w: {"year": dt.date.today().year}, COORDINATOR),
}
