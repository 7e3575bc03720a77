import datetime

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from knowledge.models import (
    EventPage,
    HomePage,
    NewsPage,
    PolicyPage,
    SectionIndexPage,
    StandardPage,
    TechnologyNoticePage,
)
from qa.models import Problem
from tests.factories.qa import ProblemFactory


class KnowledgePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(
            instance=HomePage(
                title="吉林省中小微企业网上技术专家服务站", slug="home-zh"
            )
        )
        Site.objects.update(root_page=cls.home)
        cls.section = cls.home.add_child(
            instance=SectionIndexPage(title="新技术发布", slug="technologies")
        )
        cls.policies = cls.home.add_child(
            instance=SectionIndexPage(title="政策法规", slug="policies")
        )
        cls.technology = cls.section.add_child(
            instance=TechnologyNoticePage(
                title="玉米秸秆生物炭制备技术",
                industry="grain",
                holder_institution="吉林农业大学",
                body=[("paragraph", "<p>深度学习入门指南</p>")],
            )
        )
        cls.policy = cls.policies.add_child(
            instance=PolicyPage(
                title="吉林省中小微企业网上技术专家服务站实施细则",
                issuing_authority="吉林省促进中小企业发展服务中心",
                effective_date=datetime.date(2014, 1, 1),
                body=[("heading", {"text": "第一章 总则"})],
            )
        )

    def test_page_tree_rules(self):
        self.assertCanCreateAt(HomePage, SectionIndexPage)
        self.assertCanCreateAt(SectionIndexPage, TechnologyNoticePage)
        self.assertCanCreateAt(SectionIndexPage, PolicyPage)
        self.assertCanCreateAt(SectionIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, TechnologyNoticePage)
        self.assertCanNotCreateAt(TechnologyNoticePage, NewsPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(SectionIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(EventPage, NewsPage)
        self.assertAllowedParentPageTypes(EventPage, {SectionIndexPage})

    def test_home_page_lists_problems_and_pages(self):
        problem = ProblemFactory(title="汽车零部件焊接变形")
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "汽车零部件焊接变形")
        self.assertContains(response, "玉米秸秆生物炭制备技术")
        self.assertContains(response, problem.get_absolute_url())

    def test_every_page_type_renders(self):
        for page in [self.home, self.section, self.technology, self.policy]:
            self.assertPageIsRenderable(page)
        response = self.client.get(self.policy.url)
        self.assertContains(response, "吉林省促进中小企业发展服务中心")
        self.assertContains(response, "第一章 总则")
        response = self.client.get(self.section.url)
        self.assertContains(response, "玉米秸秆生物炭制备技术")

    def test_anonymous_can_browse_but_not_post(self):
        problem = ProblemFactory()
        self.assertEqual(self.client.get("/problems/").status_code, 200)
        self.assertEqual(self.client.get(problem.get_absolute_url()).status_code, 200)
        response = self.client.post(
            "/problems/new/", {"title": "x", "description": "y", "industry": "other"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Problem.objects.count(), 1)
