"""``kvalitet score``: how close an import comes to a reference transcription of the same report."""

from __future__ import annotations

import json

import click

from kvalitet_core.errors import ExitCode, UsageError


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
    list get a word-level similarity; metadata and theme ids must match exactly. Exit code 1
    when a text is below --min or an exact field differs.
    """
    from kvalitet_core.plugins import get_host
    from kvalitet_core.reading import read_visits
    from kvalitet_core.scoring import score_visit

    host = get_host()
    mine, theirs = read_visits(host, imported), read_visits(host, reference)
    if len(mine) != 1 or len(theirs) != 1:
        raise UsageError(f"score compares one visit with one visit (got {len(mine)} and {len(theirs)})")
    result = score_visit(mine[0], theirs[0])
    if as_json:
        click.echo(json.dumps({**result.as_dict(), "threshold": threshold, "passes": result.passes(threshold)},
                              ensure_ascii=False, indent=2, default=str))
    else:
        _print_table(result, threshold)
    if not result.passes(threshold):
        ctx.exit(ExitCode.FAILED_INPUTS)


def _print_table(result: object, threshold: float) -> None:
    from rich.console import Console
    from rich.table import Table

    from kvalitet_core.scoring import Score

    assert isinstance(result, Score)
    table = Table(title="Word similarity", title_justify="left")
    table.add_column("part")
    table.add_column("similarity", justify="right")
    table.add_column("words (imported/reference)", justify="right")
    for text in result.texts:
        style = "" if text.similarity >= threshold else "bold red"
        table.add_row(text.part, f"{text.similarity:.4f}", f"{text.imported_words}/{text.reference_words}", style=style)
    checks = Table(title="Exact fields", title_justify="left")
    checks.add_column("field")
    checks.add_column("imported")
    checks.add_column("reference")
    checks.add_column("", justify="center")
    for check in result.fields:
        checks.add_row(check.field, _short(check.imported), _short(check.reference),
                       "ok" if check.equal else "[bold red]differs[/]")
    console = Console()
    console.print(table)
    console.print(checks)
    verdict = "passes" if result.passes(threshold) else "fails"
    console.print(f"minimum similarity {result.minimum:.4f}, {len(result.mismatches)} field(s) differ: {verdict}")


def _short(value: object, width: int = 60) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
