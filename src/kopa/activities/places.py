"""Where an activity took place, in one place: the countries of its host municipalities, host institutions and
sessions' hosts — foreign towns included — or, when the source names no host, the country it states."""

from django.db.models import Q

from kopa.directory.models import Country


def activity_countries(activity) -> list[Country]:
    """Reads what activity_page prefetched (hosts and municipalities with their country, sessions' hosts)."""
    found: dict[int, Country] = {}
    for municipality in activity.host_municipalities.all():
        found[municipality.country_id] = municipality.country
    for host in activity.hosts.all():
        if host.country_id:
            found[host.country_id] = host.country
    for session in activity.sessions.all():
        if session.host_municipality_id:
            found[session.host_municipality.country_id] = session.host_municipality.country
    if not found and activity.country_id:
        found[activity.country_id] = activity.country
    return sorted(found.values(), key=lambda c: str(c))


def in_country(code: str) -> Q:
    """Activities that took place in the country: by a host place there, or as stated when no host is known."""
    return (Q(host_municipalities__country__code=code) | Q(hosts__country__code=code)
            | Q(sessions__host_municipality__country__code=code) | Q(country__code=code))
