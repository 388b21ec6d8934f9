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


def grow(objects: dict, scale: float = SCALE) -> dict:
    return scale_data.generate(scale, big_project=objects["project"], big_activity=objects["activity"],
                               survey=objects["survey"], log=lambda text: None)
