"""Indexes in a list's exact order, NULLS placement included, that SQLite can create too."""

from django.db import models
from django.db.models.expressions import OrderBy


class OrderIndex(models.Index):
    """PostgreSQL uses an index for an ORDER BY only when its NULLS placement matches, so the index states it; SQLite
    refuses NULLS FIRST/LAST in CREATE INDEX, and needs none where it is its own order anyway (NULLs first ascending,
    last descending), so there the index is created without it."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite" and self.expressions:
            plain = models.Index(*[_as_sqlite_orders(e) for e in self.expressions], name=self.name,
                                 condition=self.condition)
            return plain.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


def _as_sqlite_orders(expression):
    if isinstance(expression, OrderBy) and (expression.nulls_last and expression.descending
                                            or expression.nulls_first and not expression.descending):
        return OrderBy(expression.expression, descending=expression.descending)
    return expression
