"""Name variants sent to the API, and the answer to a likely duplicate (409 with the candidates)."""


from ninja import Schema


class AliasIn(Schema):
    name: str
    kind: str = "spelling"
    note: str = ""


class CandidateOut(Schema):
    id: int
    label: str
    url: str


class DuplicatesOut(Schema):
    detail: str
    candidates: list[CandidateOut]


def duplicates_answer(error) -> DuplicatesOut:
    return {"detail": str(error.message), "candidates": [
        {"id": c.pk, "label": str(c), "url": c.get_absolute_url() if hasattr(c, "get_absolute_url") else ""}
        for c in error.candidates]}
