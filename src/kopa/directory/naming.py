"""Who may be named, and how a person mentioned in a record reads: one rule for pages, the API, PDFs, exports
and drafted articles alike.

`may_name` is the only place that decides whether a named person may be shown by name. It says yes when

1. the person agreed to be named in publications (`Person.publication_consent`);
2. a coordinator marked the mention public: an office holder acting in office, or a name the source itself had
   already published (`public_in_office`, `published_by_source`);
3. the viewer may see the person's contacts (`directory.view_person_contact`: administrators, coordinators of
   the person's current organisation or of a project that organisation takes part in) — they know who it is;
4. the viewer organises the activity the mention belongs to (`activities.change_activity` on `activity`): they
   recorded it and must be able to check it;
5. the viewer added the person to the directory (`added_by`): they typed the name from their source.

Nothing else. Whatever is meant for the public — a published or drafted article, a feed, an anonymous API
read — passes `viewer=None`, so only 1 and 2 apply there. Everyone else is described by what the record says
besides the name: an office, a position, a description, an organisation, or at least the role.

`contributor_text` reads any mention with the attributes of `kopa.activities.models.Contributor` (position,
person, office, organisation, description, name_as_written, the two publicity marks, activity, role); this app
sits below activities, so it reads those attributes and imports nothing from there.
"""

from django.db.models import Q


def may_name(person, viewer=None, *, public_in_office: bool = False, published_by_source: bool = False,
             activity=None) -> bool:
    """Whether `person` (a directory Person, or None for a name known only as written) may be shown by name."""
    if person is not None and person.publication_consent:
        return True
    if public_in_office or published_by_source:
        return True
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if activity is not None and _organises(viewer, activity):
        return True
    if person is not None and person.added_by_id is not None and person.added_by_id == viewer.pk:
        return True
    return person is not None and viewer.has_perm("directory.view_person_contact", person)


def nameable(viewer=None, prefix: str = "") -> Q | None:
    """The people `may_name` names for `viewer`, as a filter (on Person, or through `prefix`, e.g. "person__"), so
    a list of people is bounded and counted in the database: rules 1 and 5, which are all there is for a viewer
    who may see no one's contacts (rule 3 then names no one; rules 2 and 4 are a mention's, not a person's).
    None for a viewer who may see some contacts: `may_name` decides person by person."""
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        if viewer.has_perm("directory.view_person_contact"):
            return None
        return Q(**{f"{prefix}publication_consent": True}) | Q(**{f"{prefix}added_by": viewer.pk})
    return Q(**{f"{prefix}publication_consent": True})


def _organises(viewer, activity) -> bool:
    """Asked once per viewer and activity: a page names many people of the same activity."""
    cache = viewer.__dict__.setdefault("_kopa_organises", {})
    if activity.pk not in cache:
        cache[activity.pk] = viewer.has_perm("activities.change_activity", activity)
    return cache[activity.pk]


def _translated(obj, field: str) -> bool:
    return bool(getattr(obj, field, "")) or any(getattr(obj, f"{field}_{code}", "") for code in ("lv", "lt", "en"))


def contributor_parts(contributor, viewer=None) -> list[tuple]:
    """The pieces a contributor is shown with, in order, as (object, translated field) — or (None, text) for a
    piece that is not a translated column. The name comes first when `may_name` allows it; then the office, the
    position or the description; then the organisation. Someone shown by nothing else is shown by the role."""
    position = contributor.position if contributor.position_id else None
    person = contributor.person if contributor.person_id else (position.person if position else None)
    written = contributor.name_as_written.strip()
    name = written or (str(person) if person is not None else "")
    named = bool(name) and may_name(
        person, viewer, public_in_office=contributor.public_in_office,
        published_by_source=contributor.published_by_source,
        activity=contributor.activity if contributor.activity_id else None,
    )
    parts: list[tuple] = []
    if named:
        parts.append((None, name))
    if _translated(contributor, "office"):
        parts.append((contributor, "office"))
    elif position is not None:
        parts.append((position, "title"))
    elif _translated(contributor, "description"):
        parts.append((contributor, "description"))
    elif name and not named:
        # A named person who may not be named, with nothing else said about them: by role only.
        parts.append((None, contributor.get_role_display()))
    organisation = position.organisation if position is not None else (
        contributor.organisation if contributor.organisation_id else None)
    if organisation is not None:
        parts.append((organisation, "name"))
    if not parts:
        parts.append((None, contributor.get_role_display()))
    return parts


def contributor_text(contributor, viewer=None) -> str:
    """How a contributor reads everywhere: "Zita Ringelevičienė, director, Utena district municipality";
    without the right to name her, "director, Utena district municipality"; "the Ambassador of Norway to
    Latvia"; "presenter, Utena district municipality"; initials as the source wrote them ("J. Bērziņš")."""
    return ", ".join(str(text if obj is None else getattr(obj, text)) for obj, text in
                     contributor_parts(contributor, viewer))
