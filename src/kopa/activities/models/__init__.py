"""C3 Activities and C5 working groups: one activity model for every kind of event in the sources."""

from kopa.projects.models import ActivityKind

from .activity import Activity, Breakout, Material, ProgrammeItem, WorkingGroup
from .contributors import Contributor
from .participation import Headcount, Participation
from .record import Ballot, Outcome, Photo, Poll, PollEntry, WorkingGroupOutput
from .registration import Quota, Registration

__all__ = [
    "Activity", "ActivityKind", "Ballot", "Breakout", "Contributor", "Headcount", "Material", "Outcome",
    "Participation", "Photo", "Poll", "PollEntry", "ProgrammeItem", "Quota", "Registration", "WorkingGroup",
    "WorkingGroupOutput",
]
