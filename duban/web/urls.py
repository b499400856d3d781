"""Page URLs. Names are global (no namespace) so settings.LOGIN_URL = "login" works.

Other apps link to a subject with ``{% url 'subject' pk %}``, a unit with ``{% url 'unit' pk %}``,
a leader with ``{% url 'leader' name %}``.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from duban.web.forms import LoginForm
from duban.web.views import (
    assessment,
    dashboard,
    documents,
    entry,
    instructions,
    items,
    ledger,
    pages,
    review,
    units,
)

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True,
                                  authentication_form=LoginForm),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", pages.PasswordChange.as_view(), name="password-change"),
    path("", pages.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/bulletin.docx", dashboard.bulletin, name="bulletin"),
    path("assessment/", assessment.assessment_page, name="assessment"),
    path("assessment/export.xlsx", assessment.assessment_export, name="assessment-export"),
    path("import/", review.import_page, name="import"),
    path("import/manual/", entry.manual_entry, name="import-manual"),
    path("import/xlsx/", entry.spreadsheet_import, name="import-xlsx"),
    path("sources/", review.source_list, name="sources"),
    path("sources/<int:pk>/withdraw/", review.source_withdraw, name="source-withdraw"),
    path("sources/<int:pk>/", pages.source_page, name="source"),
    path("sources/<int:pk>/review/", review.review, name="review"),
    path("sources/<int:pk>/review/act/", review.review_act, name="review-act"),
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/export.xlsx", ledger.ledger_export, name="ledger-export"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/edit/", items.item_edit, name="item-edit"),
    path("items/<int:pk>/progress/", items.item_progress, name="item-progress"),
    path("items/<int:pk>/extension/", items.item_extension, name="item-extension"),
    path("items/<int:pk>/urge/", items.item_urge, name="item-urge"),
    path("ledger/urge/", ledger.ledger_urge, name="ledger-urge"),
    path("items/<int:pk>/notice.docx", documents.item_notice, name="item-notice"),
    path("items/<int:pk>/closing-report.docx", documents.item_closing_report, name="item-closing-report"),
    path("items/<int:pk>/instruct/", instructions.item_instruct, name="item-instruct"),
    path("items/<int:pk>/present/", instructions.item_present, name="item-present"),
    path("items/<int:pk>/read/", instructions.item_read, name="item-read"),
    path("ledger/read/", instructions.ledger_read, name="ledger-read"),
    path("items/<int:pk>/<slug:action>/", items.item_action, name="item-action"),
    path("extensions/<int:pk>/decide/", items.extension_decide, name="extension-decide"),
    path("evidence/<int:pk>/", items.evidence_download, name="evidence"),
    path("evidence/<int:pk>/preview/", items.evidence_preview, name="evidence-preview"),
    path("evidence/<int:pk>/thumbnail/", items.evidence_thumbnail, name="evidence-thumbnail"),
    path("units/", units.unit_tree_page, name="units"),
    path("units/search/", units.unit_search, name="unit-search"),
    path("units/<int:pk>/", pages.unit_page, name="unit"),
    path("units/<int:pk>/notice.docx", documents.unit_notice, name="unit-notice"),
    path("subjects/<int:pk>/", pages.subject_page, name="subject"),
    path("leaders/<str:name>/", pages.leader_page, name="leader"),
]
