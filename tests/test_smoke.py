import pytest

from partnership import access


@pytest.mark.django_db
def test_each_fixture_role_is_read_from_its_assignments(lead_role, officer, board, psb, scrutiny):
    assert access.roles_of(lead_role.user).led_outcome_ids == {lead_role.outcome_id}
    assert access.roles_of(officer).performance_team
    assert access.roles_of(board).board_block_ids
    assert access.roles_of(psb).psb_member
    assert access.roles_of(scrutiny).read_only
