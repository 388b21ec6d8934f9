"""A colleague not yet in the directory, added and registered from the registration page in one step."""

from kopa.audit import audited
from kopa.directory import services as directory
from kopa.directory.models import Organisation

from ..models import Activity, Breakout, Registration, Session
from .registration import register


@audited
def register_new_colleague(
    *, activity: Activity, by, first_name: str, last_name: str, email: str, organisation: Organisation,
    position_title: str, waitlist: bool = True, breakout: Breakout | None = None, session: Session | None = None,
    confirm_new: bool = False,
) -> Registration:
    """Add the person to the directory (refused with `LikelyDuplicates` if they may be there already, unless
    `confirm_new`), record their position at `organisation`, and register them — all or nothing: a refused
    registration leaves no stray person behind."""
    person = directory.add_person(by=by, first_name=first_name, last_name=last_name, email=email,
                                  confirm_new=confirm_new)
    position = directory.add_position(by=by, person=person, organisation=organisation,
                                      titles={"lv": position_title})
    return register(activity=activity, person=person, by=by, position=position, waitlist=waitlist,
                    breakout=breakout, session=session)
