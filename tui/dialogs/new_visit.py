"""A new visit written by hand: its offer, unit, date and quality model; the rest is the model's
template (every theme page with empty boxes), filled in on the edit screen."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from kvalitet_core.editing.template import new_visit
from kvalitet_core.model import Visit
from kvalitet_core.quality_model import QualityModel
from kvalitet_tui.widgets.edit_fields import steady_cursor


class NewVisitDialog(ModalScreen[Visit | None]):
    """Dismissed with the new visit (not yet saved), or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="new_visit.cancel")]

    def __init__(self, models: list[QualityModel]) -> None:
        super().__init__(classes="new-visit-dialog")
        default = Visit.model_fields["quality_model"].default
        self.models = {model.id: model for model in sorted(models, key=lambda m: (m.id != default, m.name))}
        """The installed models, the one a visit has by default first."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Offer (tilbud)")
            yield Input(id="new-offer", placeholder="required")
            yield Label("Unit (enhed)")
            yield Input(id="new-unit", placeholder="optional")
            yield Label("Date of the visit")
            yield Input(id="new-date", placeholder="YYYY-MM-DD (optional)")
            yield Label("Quality model")
            first = next(iter(self.models), None)
            yield Select([(model.name, model_id) for model_id, model in self.models.items()], value=first,
                         allow_blank=False, id="new-model")
            yield Static("", id="new-problem")

    def on_mount(self) -> None:
        dialog = self.query_one("#dialog")
        dialog.border_title = "New visit"
        steady_cursor(self.query(Input))
        dialog.border_subtitle = "enter: create · escape: cancel"

    def on_input_submitted(self) -> None:
        offer = self.query_one("#new-offer", Input).value.strip()
        unit = self.query_one("#new-unit", Input).value.strip() or None
        day = self.query_one("#new-date", Input).value.strip()
        problem = self.query_one("#new-problem", Static)
        if not offer:
            problem.update("✗ the offer is required")
            return
        try:
            visit_date = date.fromisoformat(day) if day else None
        except ValueError:
            problem.update(f"✗ '{day}' is not a date (YYYY-MM-DD)")
            return
        model = self.models[str(self.query_one("#new-model", Select).value)]
        self.dismiss(new_visit(model, offer, visit_date, unit))
