from qa.models import ProblemStatus
from qa.services.problems import problem_moves_for


def test_staff_cannot_mark_answered_by_hand_and_see_the_open_problem(
    client, problem, clerk
):
    assert problem.status == ProblemStatus.OPEN
    moves = problem_moves_for(problem=problem, user=clerk)
    assert ProblemStatus.ANSWERED not in moves
    assert ProblemStatus.CLOSED in moves
    client.force_login(clerk)
    response = client.get(f"/problems/{problem.pk}/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200


def test_tag_cloud_counts_again_after_a_new_problem(client, problem):
    from qa.selectors import tags_in_use
    from tests.factories.qa import ProblemFactory

    before = {tag.name: tag.n for tag in tags_in_use()}
    assert before["污水处理"] == 1
    ProblemFactory(enterprise=problem.enterprise)
    after = {tag.name: tag.n for tag in tags_in_use()}
    assert after["污水处理"] == 2
