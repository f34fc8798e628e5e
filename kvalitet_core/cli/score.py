"""``kvalitet score``: how close an import comes to a reference transcription of the same report."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kvalitet_core.errors import ExitCode, UsageError
from kvalitet_core.terminal_text import json_text, console as safe_console

if TYPE_CHECKING:
    from kvalitet_core.scoring import FieldCheck, Score


@click.command()
@click.argument("imported")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--min", "threshold", type=click.FloatRange(0, 1), default=0.98, show_default=True,
              help="Lowest acceptable word similarity of any text part.")
@click.pass_context
def score(ctx: click.Context, imported: str, reference: str, as_json: bool, threshold: float) -> None:
    """Score IMPORTED against REFERENCE (any importable files holding one visit each).

    Every box of every section, the overall impression, the conclusion and the "leve op til"
    list get a word-level similarity, and every box a structure similarity (where its headings
    and paragraphs begin; each split, merged or lost one is listed); metadata and theme ids must
    match exactly. Exit code 1 when a text or a box's structure is below --min or an exact field
    differs.
    """
    from kvalitet_core.cli.host import cli_host
    from kvalitet_core.reading import read_visits

    host = cli_host()
    mine, theirs = read_visits(host, imported), read_visits(host, reference)
    if len(mine) != 1 or len(theirs) != 1:
        raise UsageError(f"score compares one visit with one visit (got {len(mine)} and {len(theirs)})")
    from kvalitet_core.scoring import score_visit

    result = score_visit(mine[0], theirs[0])
    if as_json:
        click.echo(json_text({**result.as_dict(), "threshold": threshold, "passes": result.passes(threshold)},
                              default=str))
    else:
        _print_table(result, threshold)
    if not result.passes(threshold):
        ctx.exit(ExitCode.FAILED_INPUTS)


def _print_table(result: Score, threshold: float) -> None:
    """Boxes per section (a row per page), the other texts, then the exact fields."""
    from rich.table import Table

    from kvalitet_core.model import BoxKind

    def cell(value: float) -> str:
        return f"{value:.4f}" if value >= threshold else f"[bold red]{value:.4f}[/]"

    checks = {check.field: check for check in result.fields}
    boxes = Table(title="Word similarity per box", title_justify="left")
    for column in ("section", "themes", "continued", *(kind.value for kind in BoxKind)):
        boxes.add_column(column, justify="left" if column in ("section", "themes") else "right", no_wrap=True)
    sections = sorted({text.section for text in result.texts if text.section is not None})
    for index in sections:
        row = {text.box: text.similarity for text in result.texts if text.section == index}
        name = next(text.part for text in result.texts if text.section == index).rsplit(" ", 1)[0]
        themes, continued = checks[f"{name} themes"], checks[f"{name} continued"]
        boxes.add_row(str(index), _mark(themes), _mark(continued), *(cell(row[kind.value]) for kind in BoxKind))
    others = Table(title="Word similarity of the other texts", title_justify="left")
    others.add_column("part")
    others.add_column("similarity", justify="right")
    others.add_column("words (imported/reference)", justify="right")
    for text in result.texts:
        if text.section is None:
            others.add_row(text.part, cell(text.similarity), f"{text.imported_words}/{text.reference_words}")
    fields = Table(title="Exact fields", title_justify="left")
    for column in ("field", "imported", "reference", ""):
        fields.add_column(column)
    for check in result.fields:
        if not check.field.startswith("sections."):
            fields.add_row(check.field, _short(check.imported), _short(check.reference),
                           "ok" if check.equal else "[bold red]differs[/]")
    structure = Table(title="Heading and paragraph boundaries that differ", title_justify="left")
    structure.add_column("part")
    structure.add_column("structure", justify="right")
    structure.add_column("what differs")
    for box in result.structures:
        for number, problem in enumerate(box.problems):
            structure.add_row(box.part if not number else "", cell(box.similarity) if not number else "", problem)
    console = safe_console()
    for table in (boxes, others, structure, fields):
        console.print(table)
    verdict = "passes" if result.passes(threshold) else "fails"
    console.print(f"minimum similarity {result.minimum:.4f}, minimum structure {result.structure_minimum:.4f}, "
                  f"{len(result.mismatches)} field(s) differ: {verdict}")


def _mark(check: FieldCheck) -> str:
    value = check.imported if check.equal else f"{check.imported} ≠ {check.reference}"
    text = ",".join(value) if isinstance(value, list) else str(value)
    return text if check.equal else f"[bold red]{text}[/]"


def _short(value: object, width: int = 60) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
