"""What a framework workbook would do: counts per sheet, changes with old and new, and
every problem with its sheet, row and column."""

import pytest

from targets.framework_import import sheets as s
from targets.framework_import.selectors import file_plan, template_workbook
from tests.targets.framework_import.conftest import (
    indicator_row,
    milestone_row,
    outcome_row,
    target_row,
    workbook,
)


def _plan(content):
    return file_plan(content, file_name="framework.xlsx")


def test_the_exported_framework_imports_as_no_change(framework):
    plan = _plan(template_workbook(filled=True))
    assert plan.problems == []
    assert plan.counts() == {
        s.OUTCOMES: {"added": 0, "changed": 0, "unchanged": 1},
        s.INDICATORS: {"added": 0, "changed": 0, "unchanged": 1},
        s.TARGETS: {"added": 0, "changed": 0, "unchanged": 1},
        s.MILESTONES: {"added": 0, "changed": 0, "unchanged": 1},
    }


def test_new_rows_name_each_other_by_code_across_sheets(framework):
    content = workbook({
        s.OUTCOMES: [outcome_row("CYP 2")],
        s.INDICATORS: [indicator_row("L 900", outcome="CYP 2"), indicator_row("L 901")],
        s.TARGETS: [target_row("L 900"), target_row("NI 116", area="Anycity")],
        s.MILESTONES: [milestone_row("L 900"), milestone_row("L 900", period="2025-26-Q2"),
                       milestone_row("NI 116", period="2025-26-Q3")],
    })  # fmt: skip
    plan = _plan(content)
    assert plan.problems == []
    assert plan.counts() == {
        s.OUTCOMES: {"added": 1, "changed": 0, "unchanged": 0},
        s.INDICATORS: {"added": 2, "changed": 0, "unchanged": 0},
        s.TARGETS: {"added": 1, "changed": 0, "unchanged": 1},
        s.MILESTONES: {"added": 3, "changed": 0, "unchanged": 0},
    }
    added = plan.sheets[s.INDICATORS].added[0]
    # A blank lead partner is the primary outcome's, even for an outcome in the file.
    assert added.values["lead_organisation"] == framework["council"]
    assert added.values["decimal_places"] == 1


def test_a_change_lists_each_column_with_its_old_and_new_text(framework):
    content = workbook({
        s.INDICATORS: [indicator_row("NI 116", Title="Children in low-income homes",
                                     Polarity="lower is better")],
        s.TARGETS: [target_row("NI 116", Target=55)],
    })  # fmt: skip
    plan = _plan(content)
    assert plan.problems == []
    [indicator] = plan.sheets[s.INDICATORS].changed
    shown = {(c.column, c.old, c.new) for c in indicator.changes}
    assert ("Title", "Children in poverty", "Children in low-income homes") in shown
    assert ("Polarity", "higher is better", "lower is better") in shown
    # The template's row leaves Definition blank: that clears it, and says so.
    assert ("Definition", "The share of children in low-income homes.", "") in shown
    [target] = plan.sheets[s.TARGETS].changed
    assert [(c.column, c.old, c.new) for c in target.changes] == [("Target", "60", "55")]


def test_a_column_the_file_leaves_out_is_left_as_it_is(framework):
    headers = {s.INDICATORS: ["Code", "Title", "Kind", "Unit", "Polarity", "Frequency",
                              "Accumulation", "Primary outcome"]}  # fmt: skip
    row = ["NI 116", "Children in poverty", "local", "percentage", "higher", "quarterly",
           "snapshot", "cyp 1"]  # fmt: skip
    plan = _plan(workbook({s.INDICATORS: [row]}, headers=headers))
    assert plan.problems == []
    assert len(plan.sheets[s.INDICATORS].unchanged) == 1


def test_every_bad_row_is_listed_with_its_sheet_row_and_column(framework):
    sheets = {
        s.OUTCOMES: [outcome_row("CYP 2", Block="No such block"), outcome_row("CYP 3"),
                     outcome_row("CYP 3")],
        s.INDICATORS: [indicator_row("L 900", Polarity="up"),
                       indicator_row("L 901", Unit="rate"),
                       indicator_row("L 902", outcome="XYZ 9", Lead="nobody@example.org"),
                       indicator_row("L 903", **{"Decimal places": "many"})],
        s.TARGETS: [target_row("NI 116", **{"Target period": "2023-24"}),
                    target_row("NI 116", area="E99999999", Kind="stretch"),
                    target_row("L 999", Baseline="lots", **{"Baseline period": "06/07"})],
        s.MILESTONES: [milestone_row("NI 116", area="E06000001"),
                       milestone_row("NI 116", period="2025")],
    }  # fmt: skip
    plan = _plan(workbook(sheets))
    assert [str(p) for p in plan.problems] == [
        'Outcomes row 2, column "Block": "No such block" is not a block we know',
        "Outcomes row 4: a second outcome CYP 3 (the first is on row 3): keep one",
        'Indicators row 2, column "Polarity": "up" is not one of: higher is better, '
        "lower is better, neither",
        'Indicators row 3, column "Rate per": a rate needs per how many, such as 1000 or 100000',
        'Indicators row 4, column "Lead": "nobody@example.org" is not the username or email '
        "address of anyone active",
        'Indicators row 4, column "Primary outcome": "XYZ 9" is not an outcome in the file '
        "or the framework",
        'Indicators row 5, column "Decimal places": "many" is not a whole number',
        'Targets row 2, column "Target period": 2023-24 is not after the baseline period 2024-25',
        'Targets row 3, column "Area": "E99999999" is not an area we know',
        'Targets row 4, column "Baseline": "lots" is not a number',
        "Targets row 4, column \"Baseline period\": '06/07' could be read more than one way "
        "(a financial year, or a month): write it as 2025-26 for a financial year or "
        "2025-26-Q2 for a quarter",
        'Targets row 4, column "Indicator": "L 999" is not an indicator in the file or the '
        "framework",
        'Milestones row 2, column "Area": "E06000001" is not an area we know',
        'Milestones row 3, column "Period": "2025" is not a financial year or quarter: write '
        "it as 2025-26 for a financial year or 2025-26-Q2 for a quarter",
    ]
    assert not plan.can_save
    assert plan.refused_rows == 11


def test_names_are_matched_whatever_their_case_and_spacing(framework):
    content = workbook({
        s.OUTCOMES: [outcome_row("cyp  1", Title="Children are safe",
                                 Block="children-and-young-people",
                                 **{"Lead partner": "anycity council", "Lead": "LEAD"})],
        s.INDICATORS: [indicator_row("ni 116", outcome="Cyp 1", Title="Children in poverty",
                                     Definition="The share of children in low-income homes.",
                                     **{"Lead partner": "council"})],
    })  # fmt: skip
    plan = _plan(content)
    assert plan.problems == []
    assert plan.unchanged == 2


def test_a_person_named_by_an_email_two_people_share_is_refused(framework):
    from tests import factories as f

    f.UserFactory(username="sam1", email="shared@anycity.example")
    f.UserFactory(username="sam2", email="shared@anycity.example")
    plan = _plan(workbook({s.OUTCOMES: [outcome_row("CYP 2", Lead="shared@anycity.example")]}))
    assert [str(p) for p in plan.problems] == [
        'Outcomes row 2, column "Lead": "shared@anycity.example" names more than one: give the '
        "code or username instead"
    ]


def test_a_milestone_needs_a_target_kept_or_in_the_file(framework):
    plan = _plan(workbook({s.MILESTONES: [milestone_row("NI 116", area="E08000099"),
                                          milestone_row("L 900")]}))  # fmt: skip
    assert [str(p) for p in plan.problems] == [
        'Milestones row 3, column "Indicator": "L 900" is not an indicator in the file or the '
        "framework"
    ]
    content = workbook({s.INDICATORS: [indicator_row("L 900")],
                        s.MILESTONES: [milestone_row("L 900")]})  # fmt: skip
    assert [str(p) for p in _plan(content).problems] == [
        "Milestones row 2: there is no target for L 900 in E08000099: add it to the Targets sheet"
    ]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"Kind": "stretch"}, '"Standard target": a stretch target needs the target without it'),
        ({"Tolerance %": 120}, '"Tolerance %": must be from 0 to 100'),
        ({"Tolerance %": "2.125"}, '"Tolerance %": has more than 2 decimal places'),
        ({"Baseline": "1.1234567"}, '"Baseline": "1.1234567" has more than 6 decimal places'),
        ({"Target": "1e20"}, '"Target": "1e20" is too large'),
        ({"Target": "NaN"}, '"Target": "NaN" is not a number'),
        ({"Lead partner": "Nobody Ltd"}, '"Lead partner": "Nobody Ltd" is not a partner we know'),
        ({"Kind": ""}, '"Kind": must not be blank'),
    ],
)  # fmt: skip
def test_each_bad_target_cell_says_what_is_wrong(framework, cells, message):
    plan = _plan(workbook({s.TARGETS: [target_row("NI 116", **cells)]}))
    assert [str(p) for p in plan.problems] == [f"Targets row 2, column {message}"]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"Code": "NI-116!"}, '"Code": "NI-116!" is not a code: use letters, digits and spaces'),
        ({"Title": "x" * 301}, '"Title": is longer than 300 characters'),
        ({"Decimal places": 7}, '"Decimal places": must be from 0 to 6'),
        ({"Decimal places": "1.5"}, '"Decimal places": "1.5" is not a whole number'),
        ({"Rate per": "-5"}, '"Rate per": "-5" is not a whole number'),
        ({"Unit": "yes/no", "Frequency": "weekly"},
         '"Frequency": "weekly" is not one of: monthly, quarterly, annual, biennial'),
    ],
)  # fmt: skip
def test_each_bad_indicator_cell_says_what_is_wrong(framework, cells, message):
    plan = _plan(workbook({s.INDICATORS: [indicator_row("L 900", **cells)]}))
    assert [str(p) for p in plan.problems] == [f"Indicators row 2, column {message}"]
