"""Scripts: a broken file shows every problem and changes nothing; diff; activation."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.questionnaire.loader import QuestionnaireError, load_text
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.supervision.script_diff import diff
from interview_app.supervision.scripts import ScriptAdmin
from tests.offices import Office
from tests.supervision.scripts_fixture import BROKEN, BROKEN_LINES, EDITED, MINI


def test_installing_a_broken_script_reports_every_problem_and_activates_nothing(
    office: Office, tmp_path: Path
) -> None:
    store = QuestionnaireStore(office.database)
    before = (store.list(), store.active(), office.audit.head())
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    admin = ScriptAdmin(office.session())
    checked = admin.check_file(path)
    assert not checked.ok
    assert [p.line for p in checked.problems] == list(BROKEN_LINES)
    with pytest.raises(QuestionnaireError) as refused:
        admin.install_file(path)
    assert [p.line for p in refused.value.problems] == list(BROKEN_LINES)
    assert all(str(p).startswith(f"{path}:") for p in refused.value.problems)
    assert (store.list(), store.active(), office.audit.head()) == before


def test_diff_shows_a_renamed_and_a_removed_question() -> None:
    old, new = load_text(MINI, "mini.yaml"), load_text(EDITED, "mini2.yaml")
    changes = diff(old, new)
    assert changes.questions_added == ("occupation",)
    assert set(changes.questions_removed) == {"job", "documents"}
    assert [(r.removed, r.added) for r in changes.possible_renames] == [("job", "occupation")]
    salary = changes.changed("salary")
    assert salary is not None and salary.aspects == ("label",)
    assert changes.risk_rules_removed == ("work_without_visa",)
    weights = {
        r.rule_id: (r.aspects, r.old_weight, r.new_weight) for r in changes.risk_rules_changed
    }
    assert weights == {"admits_work": (("weight",), 3.0, 4.0)}
    assert [(c.kind, c.position, c.outcome) for c in changes.outcome_rules_changed] == [
        ("changed", 1, "RUJUK")
    ]
    text = "\n".join(changes.lines("en"))
    assert "- question removed: documents" in text
    assert "? possible rename: job -> occupation" in text
    assert "~ salary: question text reworded" in text


def test_diff_ignores_spacing_and_sees_choice_and_relevance_changes() -> None:
    old = load_text(MINI, "mini.yaml")
    spaced = load_text(
        MINI.replace("version: 1", "version: 2").replace(
            "relevant: \"purpose != 'kerja'\"", "relevant: \"purpose  !=   'kerja'\""
        ),
        "x.yaml",
    )
    assert diff(old, spaced).empty
    changed = load_text(
        MINI.replace("version: 1", "version: 2")
        .replace("relevant: \"purpose != 'kerja'\"", "relevant: \"purpose = 'wisata'\"")
        .replace(
            '{value: kontrak, label: {id: "Kontrak", en: "Contract"}}',
            '{value: paspor, label: {id: "Paspor", en: "Passport"}}',
        ),
        "y.yaml",
    )
    changes = diff(old, changed)
    assert changes.changed("intends_work").aspects == ("relevant",)  # type: ignore[union-attr]
    documents = changes.changed("documents")
    assert documents is not None and documents.aspects == ("choices",)
    assert [m.en for m in documents.detail] == ["added: paspor", "removed: kontrak"]


def test_install_then_activate_keeps_old_interviews_on_their_script(
    office: Office, tmp_path: Path
) -> None:
    admin = ScriptAdmin(office.session())
    old_hash = QuestionnaireStore(office.database).active()[0]  # type: ignore[index]
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    installed = admin.install_file(path)
    assert not installed.already_installed and installed.diff is not None
    assert QuestionnaireStore(office.database).active()[0] == old_hash  # type: ignore[index]
    assert admin.install_file(path).already_installed
    relabelled = OfficeSettings(office.database).get("outcome_codes")
    relabelled[0]["label_id"] = "Lanjut"
    OfficeSettings(office.database).update(office.session(), {"outcome_codes": relabelled})
    result = admin.activate(installed.hash[:10])
    assert result.outcome_codes_added == ("LANJUT", "RUJUK")
    assert QuestionnaireStore(office.database).active()[0] == installed.hash
    codes = [c["code"] for c in OfficeSettings(office.database).get("outcome_codes")]
    assert codes[-2:] == ["LANJUT", "RUJUK"]
    hashes = {
        h
        for (h,) in office.database.conn.execute(
            "SELECT DISTINCT questionnaire_hash FROM interviews"
        )
    }
    assert hashes == {old_hash}
    actions = [e.action for e in office.audit.entries(object_type="questionnaire", limit=3)]
    assert actions[:2] == ["questionnaire.activate", "questionnaire.install"]


def test_diff_of_the_default_script_against_its_previous_version_names_what_changed() -> None:
    from interview_app.questionnaire.loader import load_file
    from interview_app.resources_path import questionnaire_path

    old = load_file(questionnaire_path("history", "tppo_default.v1.yaml"))
    new = load_file(questionnaire_path("tppo_default.yaml"))
    text = "\n".join(diff(old, new).lines("en"))
    assert "Script tppo-default v1 -> tppo-default v2" in text
    assert "- risk rule removed: under_18\n    hard red flag: Under 18 (a child)" in text
    assert "+ risk rule added: child_work\n    hard red flag: A child (under 18)" in text
    assert "+ office setting now read: disnaker_recommendation_required" in text
    assert "+ suspected purpose added: suspected_scam_work" in text
    assert "+ question added: minor_travels_with\n    “The applicant is a child." in text
    assert "- question removed: passport_lost_damaged\n    “Was your old passport" in text
    indonesian = "\n".join(diff(old, new).lines("id"))
    assert (
        "+ aturan risiko baru: passport_lost_unexplained\n    bobot 2: Paspor lama hilang"
        in indonesian
    )
