"""Every write to activities, one transaction per call (split by aggregate; import from here)."""

from .activity import (
    ACTIVITY_FIELDS,
    add_breakout,
    add_programme_item,
    cancel_activity,
    create_activity,
    remove_programme_item,
    set_quota,
    set_status,
    update_activity,
)
from .bulk import KEEP, RefusedFor, cancel_many, check_in_many, confirm_many, move
from .colleagues import register_new_colleague
from .contributors import add_contributor, mark_public, remove_contributor
from .copying import copy_activity
from .kinds import add_kind, review_kind
from .materials import add_material, remove_material, update_material
from .outcomes import remove_outcome, update_outcome
from .participation import record_participation, remove_headcount, remove_participation, report_headcount
from .programme import remove_breakout, update_breakout, update_programme_item
from .record import (
    add_award,
    add_outcome,
    add_photo,
    cast_vote,
    create_poll,
    publish_photo,
    remove_award,
    set_award,
    set_poll_status,
)
from .registration import (
    accept_offer,
    cancel,
    check_in,
    check_in_by_token,
    close_activity,
    confirm,
    expire_all_offers,
    expire_offers,
    mark_attendance,
    record_attendance,
    register,
)
from .sequence import (
    add_session,
    place_in_series,
    remove_session,
    save_series,
    set_other_kinds,
    update_session,
)
from .working_groups import (
    add_member,
    create_working_group,
    remove_member,
    set_working_group_topics,
    update_working_group,
)

__all__ = [
    "KEEP", "RefusedFor", "cancel_many", "check_in_many", "confirm_many", "move", "register_new_colleague",
    "ACTIVITY_FIELDS", "add_award", "add_session", "place_in_series", "remove_award", "remove_session", "save_series",
    "set_other_kinds", "set_working_group_topics", "create_working_group", "update_working_group", "add_member",
    "remove_member", "update_session", "accept_offer", "add_breakout",
    "add_contributor", "add_kind", "add_outcome", "add_photo", "review_kind",
    "add_programme_item", "remove_programme_item", "cancel", "cancel_activity", "cast_vote", "check_in",
    "check_in_by_token",
    "close_activity", "confirm", "copy_activity",
    "create_activity", "create_poll", "expire_all_offers", "expire_offers", "mark_attendance", "mark_public",
    "publish_photo",
    "record_attendance", "record_participation", "register", "remove_contributor", "remove_headcount",
    "remove_participation", "report_headcount", "set_award", "set_poll_status", "set_quota", "set_status",
    "update_activity", "add_material", "remove_material", "update_material", "remove_outcome", "update_outcome",
    "remove_breakout", "update_breakout", "update_programme_item",
]
