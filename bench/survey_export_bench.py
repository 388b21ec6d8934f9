"""Benchmark: the XLSX export of survey answers streams — its memory does not grow with the number of rows.

    .venv/bin/python -m bench.survey_export_bench            # 1,000 / 10,000 / 30,000 responses

For each size it generates the responses in a fresh SQLite database, then runs, side by side, our export
(rows read in chunks, openpyxl write-only to a temporary file, sent in chunks) and the reference a
straightforward export would be (every row loaded into a list, the workbook built in memory), and prints
the peak of Python memory (tracemalloc) of each and how it grows with the rows.
"""

import os
import sys
import tempfile
import time
import tracemalloc

from bench.django_setup import start as start_django

SIZES = [int(n) for n in os.environ.get("SIZES", "1000,10000,30000").split(",")]


def _setup(path: str) -> None:
    start_django(path)


def _survey(responses: int):
    from django.utils import timezone

    from kopa.directory.models import Country
    from kopa.projects.models import Programme, Project
    from kopa.surveys import services
    from kopa.surveys.models import Answer, Question, Response

    Country.objects.get_or_create(code="LV", defaults={"name": "Latvija"})
    programme, _ = Programme.objects.get_or_create(code="bench", defaults={"name": "Bench"})
    project = Project.objects.create(code=f"BENCH-{responses}", title="Bench", programme=programme)
    choices = [{"code": f"c{n}", "label": {"lv": f"Atbilde {n}"}} for n in range(5)]
    survey = services.create_questionnaire(titles={"lv": "Bench"}, project=project, sections=[{
        "title": {"lv": "Sadaļa"}, "questions": [
            {"code": "single", "kind": "single", "text": {"lv": "Viena"}, "choices": choices},
            {"code": "multi", "kind": "multiple", "text": {"lv": "Vairākas"}, "choices": choices},
            {"code": "rank", "kind": "ranking", "ranking_size": 3, "text": {"lv": "Secība"}, "choices": choices},
            {"code": "scale", "kind": "likert", "text": {"lv": "Skala"}},
            {"code": "text", "kind": "text", "text": {"lv": "Teksts"}},
        ]}])
    questions = {q.code: q for q in Question.objects.filter(section__questionnaire=survey).prefetch_related("choices")}
    options = {code: list(q.choices.all()) for code, q in questions.items()}
    now = timezone.now()
    batch = 2000
    for start in range(0, responses, batch):
        rows = Response.objects.bulk_create([Response(questionnaire=survey, submitted_at=now, country_code="LV")
                                             for _ in range(min(batch, responses - start))])
        answers = []
        for n, response in enumerate(rows):
            answers += [Answer(response=response, question=questions["single"], choice=options["single"][n % 5]),
                        Answer(response=response, question=questions["multi"], choice=options["multi"][n % 5]),
                        Answer(response=response, question=questions["multi"], choice=options["multi"][(n + 1) % 5])]
            answers += [Answer(response=response, question=questions["rank"], choice=options["rank"][(n + r) % 5],
                               rank=r + 1) for r in range(3)]
            answers += [Answer(response=response, question=questions["scale"], number=1 + n % 5),
                        Answer(response=response, question=questions["text"], text=f"Brīvs teksts Nr. {n} ā č ė ų")]
        Answer.objects.bulk_create(answers, batch_size=5000)
    return survey


def _ours(survey) -> tuple[float, int]:
    from kopa.core import exports
    from kopa.surveys import results

    questions = results.export_columns(survey)
    header = ["id", "submitted", "country", "municipality", "organisation", "department", "position"] + [
        q.code for q in questions]
    response = exports.xlsx_file_response("bench", "Bench", header, results.export_rows(survey, questions))
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return size


def _reference(survey) -> int:
    from kopa.core import exports
    from kopa.surveys import results

    questions = results.export_columns(survey)
    rows = list(results.export_rows(survey, questions))  # everything in memory first, as a simple export does
    return len(exports.xlsx_bytes("Bench", ["id"] * (7 + len(questions)), rows))


def _measure(function, survey) -> tuple[float, float, int]:
    """Time without tracing (tracemalloc slows Python down several times), then the peak with it."""
    started = time.perf_counter()
    size = function(survey)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    function(survey)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1e6, size


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup(os.path.join(folder, "bench.sqlite3"))
        first = None
        warm_up = _survey(10)  # imports and caches are not what is measured
        _ours(warm_up), _reference(warm_up)
        print(f"{'responses':>10} {'ours MB':>9} {'ours s':>7} {'reference MB':>13} {'reference s':>12} "
              f"{'ours/ref':>9}")
        for size in SIZES:
            survey = _survey(size)
            ours = _measure(_ours, survey)
            reference = _measure(_reference, survey)
            first = first or (size, ours[1], reference[1])
            print(f"{size:>10,} {ours[1]:>9.1f} {ours[0]:>7.2f} {reference[1]:>13.1f} {reference[0]:>12.2f} "
                  f"{ours[1] / reference[1]:>9.3f}")
        last = (size, ours[1], reference[1])
        growth = last[0] / first[0]
        print(f"rows ×{growth:.0f}: our peak memory ×{last[1] / first[1]:.2f}, "
              f"the reference's ×{last[2] / first[2]:.2f}")
        if last[1] / first[1] > 2:
            sys.exit("our export's memory grows with the rows")


if __name__ == "__main__":
    main()
