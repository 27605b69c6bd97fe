"""The database's own search structures, per vendor.

PostgreSQL: a stored tsvector of exactly our analysed terms (array_to_tsvector: no parser
in between, so the index and the Python side agree on every term) with a GIN index, and
pg_trgm's GIN index over the claim text for the search page's substring/fuzzy filter.
SQLite: an FTS5 table over the same terms, kept in step by factchecks.index."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE factchecks_factcheck ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(search_text, ' '))) STORED",
    "CREATE INDEX factchecks_search_gin ON factchecks_factcheck USING gin (search_vector)",
    "CREATE INDEX factchecks_claim_trgm ON factchecks_factcheck "
    "USING gin (claim_reviewed gin_trgm_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS factchecks_claim_trgm",
    "DROP INDEX IF EXISTS factchecks_search_gin",
    "ALTER TABLE factchecks_factcheck DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = ["CREATE VIRTUAL TABLE factchecks_fts USING fts5(search_text)"]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS factchecks_fts"]


def run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("factchecks", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
