"""A corpus that grows: the same pages are measured at 10 and at 100 items."""

import pytest
from django.core.cache import cache

from qa import services
from qa.models import Answer, Problem
from tests.factories.knowledge import news, site_tree
from tests.factories.qa import ProblemFactory, clerk_user
from tests.factories.stations import EnterpriseFactory, ExpertFactory

TAG = "污水处理"
NEWS_MAX = 30


class Corpus:
    """Problems, threaded answers, pending answers and news pages, made through the
    services; `grow(n)` brings each kind up to n items."""

    def __init__(self):
        self.tree = site_tree()
        self.clerk = clerk_user()
        self.enterprise = EnterpriseFactory()
        self.experts = [ExpertFactory() for _ in range(3)]
        self.expert = self.experts[0]
        self.threaded = self._problem(0)
        self.queue_problem = self._problem(1)
        self.news = []

    def _problem(self, i: int) -> Problem:
        return ProblemFactory(
            enterprise=self.enterprise,
            clerk=self.clerk,
            title=f"玉米深加工企业污水处理难题{i}",
            tags=(TAG, f"标签{i % 7}"),
        )

    def grow(self, n: int) -> None:
        for i in range(Problem.objects.count(), n):
            self._problem(i)
        thread_answers = Answer.for_problem(self.threaded).count()
        for i in range(thread_answers // 2, n // 2):
            # an approved answer from one of the experts and the enterprise's follow-up
            expert = self.experts[i % len(self.experts)].user
            answer = services.answer_create(
                problem=self.threaded, user=expert, text=f"建议{i}：提高回流比。"
            )
            services.answer_screen(
                answer=answer, user=self.clerk, approve=True, quality_score=4
            )
            services.reply_create(
                parent=answer, user=self.enterprise.user, text=f"追问{i}"
            )
        pending = Answer.for_problem(self.queue_problem).count()
        for i in range(pending, n):
            services.answer_create(
                problem=self.queue_problem,
                user=self.experts[i % len(self.experts)].user,
                text=f"待审解答{i}",
            )
        # Three listing pages of news are enough to show a per-item query; publishing
        # a page costs half a second here.
        for i in range(len(self.news), min(n, NEWS_MAX)):
            self.news.append(news(self.tree.news, title=f"服务站工作动态{i}"))


@pytest.fixture
def corpus(db):
    cache.clear()
    return Corpus()
