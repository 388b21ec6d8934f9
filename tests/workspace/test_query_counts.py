"""Query counts pinned on "My work" of a coordinator and of a participant: the same at the demo's size and
grown (tests/grown_demo.py)."""

from tests import grown_demo

# What each page reads is fixed: the session and user when signed in, the page's object, each list once with
# what it shows (a page, or the first few with a link to the rest), never a query per row.
# The demo has no article in review: 4 here, 5 with some (test_dashboard, with 3 and 30 of them).
PINNED = {"dashboard (coordinator)": 24, "dashboard (participant)": 6, "my articles in review": 4}


def test_every_page_runs_its_pinned_number_of_queries_at_the_demos_size_and_grown(grown_data, client,
                                                                                    django_assert_num_queries):
    grown_demo.assert_pinned(client, PINNED, grown_data, django_assert_num_queries)
