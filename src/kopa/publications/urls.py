from django.urls import path

from . import feeds, views

app_name = "publications"
urlpatterns = [
    path("", views.news_list, name="news"),
    path("rss/", feeds.NewsFeed(), name="rss"),
    path("atom/", feeds.AtomNewsFeed(), name="atom"),
    path("projects/<int:pk>/rss/", feeds.ProjectNewsFeed(), name="project_rss"),
    path("projects/<int:pk>/atom/", feeds.ProjectAtomNewsFeed(), name="project_atom"),
    path("new/", views.article_new, name="new"),
    path("compliance/", views.compliance_page, name="compliance"),
    path("draft/activity/<int:pk>/", views.draft_from_activity, name="draft_activity"),
    path("draft/project/<int:pk>/", views.draft_for_project, name="draft_project"),
    path("<slug:slug>/", views.article_detail, name="article"),
    path("<slug:slug>/edit/", views.article_edit, name="edit"),
    path("<slug:slug>/action/", views.article_action, name="action"),
]
