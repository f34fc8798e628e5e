"""Quality models are data: loading them, and resolving the loose theme names reports use."""

from __future__ import annotations

import pytest

from kvalitet_core.quality_model import builtin_quality_models


@pytest.fixture(scope="module")
def models():
    return {model.id: model for model in builtin_quality_models()}


@pytest.mark.parametrize(("text", "expected"), [
    ("3a", "3a"),
    ("Tema 3a", "3a"),
    ("tema 3.a", "3a"),
    ("Tema 3b: Målgruppe, metoder og resultater – Inddragelse og indflydelse", "3b"),
    ("Målgruppe, metoder og resultater – Fælles faglig fundament", "3a"),
    ("Indflydelse og inddragelse", "3b"),
    ("Fysiske Rammer", "6"),
    ("Organisation og  ledelse.", "4"),
    ("Organisaton og ledelse", "4"),
    ("Tema 7", "7"),
    ("Tema 9", None),
    ("Vejret i dag", None),
    ("", None),
])
def test_resolve_is_tolerant_but_not_credulous(models, text, expected):
    assert models["sof-kvalitetsmodel-3.0"].resolve(text) == expected


def test_sof_model_carries_purposes_verbatim(models):
    sof = models["sof-kvalitetsmodel-3.0"]
    assert sof.theme("6").purpose == (
        "I Socialforvaltningen arbejder vi med at skabe fysiske rammer, der understøtter den faglige indsats "
        "samt borgernes trivsel og behov. Arbejdet med fysiske rammer skal også bidrage til vedligeholdelse "
        "samt miljø- og energirigtige løsninger i tilbuddene."
    )
    assert all(theme.purpose.startswith("I Socialforvaltning") for theme in sof.themes)


def test_another_framework_fits_without_code(models):
    tracks = models["kvalitet-i-botilbud-2024"]
    assert tracks.theme_word == "Spor"
    assert tracks.resolve("Spor: Kompetenceudvikling") == "ku"
    assert tracks.resolve("Beskæftigelse, aktivitet og samvær") == "bas"


@pytest.mark.parametrize(("line", "expected"), [
    ("I den grå boks fremgår de perspektiver, som kom frem gennem drøftelserne med", True),
    ("Skriftlig feedback", True),
    ("Dorte Valentiner-Branth", False),
    ("3 medarbejdere", False),
    ("Under besøget var det især emnerne `Mental sundhed´, `den nye medarbejderrolle´", False),
])
def test_template_lines_are_recognised(models, line, expected):
    assert models["sof-kvalitetsmodel-3.0"].is_template_line(line) is expected
