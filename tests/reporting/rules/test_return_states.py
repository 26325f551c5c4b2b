"""The table of return states agrees with the model, and says what each state allows."""

import pytest

from reporting.models import QuarterlyReturn
from reporting.rules import return_states

State = QuarterlyReturn.State


def test_the_table_names_every_state_of_the_model_and_no_other():
    named = {
        return_states.NOT_STARTED,
        return_states.DRAFT,
        return_states.SUBMITTED,
        return_states.APPROVED,
        return_states.RETURNED,
    }
    assert named == set(State.values)
    assert named == return_states.EDITABLE | return_states.DONE
    assert not return_states.EDITABLE & return_states.DONE


@pytest.mark.parametrize(
    ("state", "editable", "done", "reviewable", "reopenable"),
    [
        (State.NOT_STARTED, True, False, False, False),
        (State.DRAFT, True, False, False, False),
        (State.RETURNED, True, False, False, False),
        (State.SUBMITTED, False, True, True, False),
        (State.APPROVED, False, True, False, True),
    ],
)
def test_what_each_state_allows(state, editable, done, reviewable, reopenable):
    assert (state in return_states.EDITABLE) is editable
    assert (state in return_states.NOT_SUBMITTED) is editable
    assert (state in return_states.DONE) is done
    assert (state in return_states.REVIEWABLE) is reviewable
    assert (state in return_states.REOPENABLE) is reopenable
