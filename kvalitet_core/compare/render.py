"""A comparison shown to people: in the terminal (rich), as Markdown and as one self-contained HTML page.

All three show the same thing — the summary, the changed fields, then per theme the box items
that were added, removed or changed, with deleted words struck through and inserted words
marked — and leave out what did not change. Report text is escaped in every format: it is data,
and a '<' or '*' in a report must print as itself.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kvalitet_core.compare.engine import Comparison, TextChange
from kvalitet_core.labels import field_label
from kvalitet_core.terminal_view import BOX_STYLES

STATUS_MARKS = {"added": "+", "removed": "−", "changed": "~", "unchanged": " "}


def _shown(changes: list[TextChange]) -> list[TextChange]:
    return [change for change in changes if change.status != "unchanged"]


# -- terminal ----------------------------------------------------------------------------------

_RICH_STYLES = {"equal": "", "delete": "red strike", "insert": "green bold"}


def _rich_text(change: TextChange) -> Text:
    """The change's text: the word diff when changed, else the whole old or new text in one colour."""
    if change.status == "changed":
        text = Text()
        for segment in change.segments:
            text.append(segment.text, style=_RICH_STYLES[segment.op])
        return text
    if change.status == "added":
        return Text(change.new or "", style="green")
    return Text(change.old or "", style="red strike" if change.status == "removed" else "")


def render_rich(comparison: Comparison) -> RenderableType:
    """The comparison as a rich renderable: insertions green, deletions red and struck through."""
    parts: list[RenderableType] = [
        Text(f"{comparison.old.title} → {comparison.new.title}", style="bold underline"),
        Text(comparison.summary, style="bold"),
    ]
    fields = _shown(comparison.fields)
    if fields:
        table = Table("field", "old", "new", title="Oplysninger om besøget", title_justify="left")
        for change in fields:
            table.add_row(field_label(change.label), Text(change.old or "—", style="red"), Text(change.new or "—", style="green"))
        parts.append(table)
    for change in _shown(comparison.texts):
        parts.append(Panel(_rich_text(change), title=f"{STATUS_MARKS[change.status]} {field_label(change.label)}",
                           title_align="left"))
    for section in comparison.sections:
        boxes = [(box, _shown(box.items)) for box in section.boxes]
        if not any(items for _, items in boxes) and section.status == "unchanged":
            continue
        parts.append(Text(f"\n{STATUS_MARKS[section.status]} {section.name.capitalize()} — focus areas "
                          f"{section.focus_areas_old} → {section.focus_areas_new}", style="bold reverse"))
        for box, items in boxes:
            if items:
                body = Group(*(Text.assemble((f"{STATUS_MARKS[i.status]} ", "bold"), _rich_text(i), "\n")
                               for i in items))
                parts.append(Panel(body, title=box.kind.label, title_align="left",
                                   border_style=BOX_STYLES[box.kind]))
    return Group(*parts)


# -- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


_MD_MARKS = {"equal": "", "delete": "~~", "insert": "**"}


def _md_marked(text: str, op: str) -> str:
    """Escaped text with the op's mark around each paragraph, hugging the words (Markdown's rule)."""
    mark = _MD_MARKS[op]
    out = []
    for piece in re.split(r"(\s+)", text):
        out.append(piece if not piece or piece.isspace() else _md(piece))
    joined = "".join(out)
    if not mark:
        return joined
    return re.sub(r"(\S(?:.*?\S)?)(?=\s*(?:\n\n|$))", lambda m: f"{mark}{m.group(1)}{mark}",
                  joined, flags=re.DOTALL)


def _md_change(change: TextChange) -> str:
    if change.status == "changed":
        return "".join(_md_marked(segment.text, segment.op) for segment in change.segments)
    if change.status == "added":
        return _md_marked(change.new or "", "insert")
    return _md_marked(change.old or "", "delete")


def render_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown: strike-through for deletions, bold for insertions."""
    lines = [f"# {_md(comparison.old.title)} → {_md(comparison.new.title)}", "", f"**{_md(comparison.summary)}**", ""]
    fields = _shown(comparison.fields)
    if fields:
        lines += ["## Oplysninger om besøget", "", "| field | old | new |", "| --- | --- | --- |"]
        lines += [f"| {field_label(c.label)} | {_md(' '.join((c.old or '—').split()))} | {_md(' '.join((c.new or '—').split()))} |"
                  for c in fields]
        lines.append("")
    for change in _shown(comparison.texts):
        lines += [f"## {field_label(change.label)} ({change.status})", "", _md_change(change), ""]
    for section in comparison.sections:
        boxes = [(box, _shown(box.items)) for box in section.boxes]
        if not any(items for _, items in boxes) and section.status == "unchanged":
            continue
        lines += [f"## {section.name.capitalize()} ({section.status}; focus areas "
                  f"{section.focus_areas_old} → {section.focus_areas_new})", ""]
        for box, items in boxes:
            if not items:
                continue
            lines += [f"### {_md(box.kind.label)}", ""]
            for item in items:
                lines += [f"#### {STATUS_MARKS[item.status]} {_md(item.label)} ({item.status})", "",
                          _md_change(item), ""]
    return "\n".join(lines).rstrip() + "\n"


# -- HTML ----------------------------------------------------------------------------------------

_HTML = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{{ c.old.title }} → {{ c.new.title }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.5; color: #222; }
del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
.summary { font-weight: bold; padding: .5rem 1rem; background: #f4f4f8; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; }
.box { border-left: .4rem solid; padding: .2rem 1rem; margin: .5rem 0; }
.talked_about { border-color: #9e9e9e; } .points_to { border-color: #8e6bbf; } .suggestions { border-color: #e5b700; }
.status { font-size: .8em; text-transform: uppercase; color: #666; }
p.text { white-space: pre-wrap; margin: .2rem 0 1rem; }
</style>
</head>
<body>
<h1>{{ c.old.title }} → {{ c.new.title }}</h1>
<p class="summary">{{ c.summary }}</p>
{% if fields %}<h2>Oplysninger om besøget</h2>
<table><tr><th>field</th><th>old</th><th>new</th></tr>
{% for f in fields %}<tr><td>{{ label(f.label) }}</td>
<td><del>{{ f.old or "—" }}</del></td><td><ins>{{ f.new or "—" }}</ins></td></tr>
{% endfor %}</table>{% endif %}
{% for t in texts %}<h2>{{ label(t.label) }} <span class="status">{{ t.status }}</span></h2>
{{ change(t) }}
{% endfor %}
{% for s, boxes in sections %}<h2>{{ s.name|capitalize }} <span class="status">{{ s.status }};
focus areas {{ s.focus_areas_old }} → {{ s.focus_areas_new }}</span></h2>
{% for box, items in boxes %}<div class="box {{ box.kind.value }}"><h3>{{ box.kind.label }}</h3>
{% for i in items %}<h4>{{ i.label }} <span class="status">{{ i.status }}</span></h4>
{{ change(i) }}
{% endfor %}</div>
{% endfor %}{% endfor %}
</body>
</html>
"""

_CHANGE = """{%- macro change(t) -%}
<p class="text">
{%- if t.status == "changed" -%}
{%- for s in t.segments -%}
{%- if s.op == "equal" %}{{ s.text }}
{%- elif s.op == "delete" %}<del>{{ s.text }}</del>
{%- else %}<ins>{{ s.text }}</ins>{% endif -%}
{%- endfor -%}
{%- elif t.status == "added" %}<ins>{{ t.new }}</ins>{% else %}<del>{{ t.old }}</del>{% endif -%}
</p>
{%- endmacro -%}
"""

_environment = Environment(autoescape=True, keep_trailing_newline=True)
_environment.globals["label"] = field_label
_template = _environment.from_string(_CHANGE + _HTML)


def render_html(comparison: Comparison) -> str:
    """The comparison as one self-contained HTML page (inline CSS, no scripts), every text escaped."""
    sections = []
    for section in comparison.sections:
        boxes = [(box, items) for box in section.boxes if (items := _shown(box.items))]
        if boxes or section.status != "unchanged":
            sections.append((section, boxes))
    return _template.render(c=comparison, fields=_shown(comparison.fields), texts=_shown(comparison.texts),
                            sections=sections)
