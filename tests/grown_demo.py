"""The demo grown by generated rows of everything (the scale benchmark's own generator, bench/scale_data.py, at
a small factor), for tests that pin a page's query count: the same number at the demo's size and grown."""

from bench import scale_data

# ~45 municipalities, 10 projects with 30 partnerships, 100 activities, 500 registrations, 25 articles,
# 50 survey responses, 200 people: enough that any list read per row would show in the count.
SCALE = 0.0005


def objects() -> dict:
    """The objects the benchmark's detail pages show (bench.scale_bench._objects)."""
    from bench.scale_bench import _objects

    return _objects()


def grow(objects: dict, scale: float = SCALE, more: int = 30) -> dict:
    counts = scale_data.generate(scale, big_project=objects["project"], big_activity=objects["activity"],
                                 survey=objects["survey"], log=lambda text: None)
    _more_of_the_rest(objects, more)
    return counts


def _copies(obj, n: int, **fields_of):
    """n unsaved copies of a saved row, each with the fields `fields_of` gives (callables of the copy's number)."""
    copies = []
    for i in range(n):
        copy = type(obj).objects.get(pk=obj.pk)
        copy.pk = copy.id = None
        for name, value in fields_of.items():
            setattr(copy, name, value(i))
        copies.append(copy)
    return copies


def _more_of_the_rest(objects: dict, n: int) -> None:
    """What the benchmark's generator leaves alone, grown too: working groups and their activities, a topic's
    activities and projects, LEAN services and a service's measurements."""
    from kopa.activities.models import Activity, WorkingGroup
    from kopa.directory.models import Organisation
    from kopa.lean.models import EventLog, PublicService
    from kopa.projects.models import Project
    from kopa.topics.models import Topic

    generated = list(Activity.objects.filter(title_lv__startswith="Pasākums ").order_by("pk")
                     .values_list("pk", flat=True)[:n])
    group = objects["working_group"]
    Activity.objects.filter(pk__in=generated).update(working_group=group)
    WorkingGroup.objects.bulk_create(_copies(group, n, slug=lambda i: f"grown-group-{i}",
                                             name_lv=lambda i: f"Darba grupa {i}", name_en=lambda i: f"Group {i}"))
    topic = Topic.objects.order_by("pk").first()
    Activity.topics.through.objects.bulk_create(
        [Activity.topics.through(activity_id=pk, topic_id=topic.pk) for pk in generated], ignore_conflicts=True)
    projects = Project.objects.filter(code__startswith="BENCH-").values_list("pk", flat=True)[:n]
    Project.topics.through.objects.bulk_create(
        [Project.topics.through(project_id=pk, topic_id=topic.pk) for pk in projects], ignore_conflicts=True)
    service = objects["service"]
    # One kind of service per organisation: the copies are the same service of the generated administrations.
    administrations = list(Organisation.objects.filter(slug__startswith="bench-administration-").order_by("pk")
                           .values_list("pk", flat=True)[:n])
    PublicService.objects.bulk_create(_copies(service, len(administrations),
                                              organisation_id=administrations.__getitem__,
                                              department_id=lambda i: None, name=lambda i: f"Pakalpojums {i}"))
    log = EventLog.objects.filter(service=service).order_by("pk").first()
    if log is not None:
        EventLog.objects.bulk_create(_copies(log, n, name=lambda i: f"Mērījums {i}", published=lambda i: False))


def pages(objects: dict) -> dict:
    """(user or None, path) of every list and detail page whose query count is pinned, by name."""
    from django.urls import reverse
    from django.utils import translation

    from kopa.topics.models import Topic

    o = objects
    topic = Topic.objects.order_by("pk").first()
    with translation.override("lv"):
        return {
            "home": (None, reverse("core:home")),
            "news list": (None, reverse("publications:news")),
            "article": (None, reverse("publications:article", args=[o["article"].slug])),
            "project list": (None, reverse("projects:list")),
            "project": (None, reverse("projects:project", args=[o["project"].pk])),
            "activity list": (None, reverse("activities:list")),
            "activity": (None, reverse("activities:activity", args=[o["activity"].pk])),
            "working groups": (None, reverse("activities:working_groups")),
            "working group": (None, reverse("activities:working_group", args=[o["working_group"].slug])),
            "my activities": ("coordinator", reverse("activities:mine")),
            "registrations": ("coordinator", reverse("activities:registrations", args=[o["activity"].pk])),
            "municipality list": (None, reverse("directory:municipalities")),
            "municipality": (None, reverse("directory:municipality", args=[o["municipality"].code])),
            "organisation list": (None, reverse("directory:organisations")),
            "organisation": (None, reverse("directory:organisation", args=[o["organisation"].slug])),
            "topic list": (None, reverse("topics:list")),
            "topic": (None, reverse("topics:topic", args=[topic.slug])),
            "service list": (None, reverse("lean:services")),
            "service": (None, reverse("lean:service", args=[o["service"].pk])),
            "log list": ("lean", reverse("lean:measurements", args=[o["service"].pk])),
            "dashboard (coordinator)": ("coordinator", reverse("workspace:dashboard")),
            "dashboard (participant)": ("participant", reverse("workspace:dashboard")),
            "my articles in review": ("coordinator", reverse("workspace:articles")),
            "all municipalities that took part": (None, reverse("activities:activity", args=[o["activity"].pk])
                                                  + "?took_part=municipalities"),
            "all improvements": (None, reverse("lean:service", args=[o["service"].pk]) + "?list=improvements"),
        }


def request_page(client, name: str, objects: dict, assert_num_queries, pinned: int):
    """Sign in as the page's reader, request it once (what is read once per process or session is read), then
    again counting its queries, which must be exactly `pinned`."""
    from django.contrib.auth import get_user_model

    user, path = pages(objects)[name]
    client.logout()
    if user:
        client.force_login(get_user_model().objects.get(username=user))
    assert client.get(path).status_code == 200, path
    with assert_num_queries(pinned):
        response = client.get(path)
    assert response.status_code == 200
    return response


def assert_pinned(client, pinned: dict, objects: dict, assert_num_queries) -> None:
    """Each page of `pinned` (name → queries) runs exactly its number (pytest-django names the page's queries
    when it does not)."""
    for name, queries in pinned.items():
        request_page(client, name, objects, assert_num_queries, queries)
