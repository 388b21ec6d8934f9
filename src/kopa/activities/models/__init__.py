"""C3 Activities and C5 working groups: one activity model for every kind of event in the sources."""

from kopa.projects.models import ActivityKind

from .activity import Activity, Breakout, Material, ProgrammeItem, WorkingGroup
from .contributors import Contributor
from .kinds import AddedKind
from .participation import Headcount, Participation
from .record import Award, Ballot, Outcome, Photo, Poll, PollEntry, WorkingGroupOutput
from .registration import Quota, Registration
from .series import Series
from .sessions import Session

__all__ = [
    "Activity", "ActivityKind", "AddedKind", "Award", "Ballot", "Breakout", "Contributor", "Headcount", "Material",
    "Outcome",
    "Participation", "Photo", "Poll", "PollEntry", "ProgrammeItem", "Quota", "Registration", "Series", "Session",
    "WorkingGroup", "WorkingGroupOutput",
]
