"""URLs below /shop/: pages, the JSON API, the UWS job list."""

from django.urls import path

from portal.shop import api, uws, views

__all__ = ["urlpatterns", "app_name"]

app_name = "shop"

urlpatterns = [
    path("", views.form, name="form"),
    path("history/", views.history, name="history"),
    path("requests/<uuid:request_id>/", views.detail, name="detail"),
    path("requests/<uuid:request_id>/download", views.download,
         name="download"),
    path("requests/<uuid:request_id>/resubmit", views.resubmit,
         name="resubmit"),
    path("requests/<uuid:request_id>/delete", views.delete, name="delete"),
    path("preselected/", views.preselected_list, name="preselected"),
    path("preselected/<str:name>", views.preselected_file,
         name="preselected-file"),
    path("api/catalogue", api.catalogue, name="api-catalogue"),
    path("api/estimate", api.estimate, name="api-estimate"),
    path("api/requests", api.requests, name="api-requests"),
    path("api/requests/<uuid:request_id>", api.request_detail,
         name="api-request"),
    path("api/requests/<uuid:request_id>/package", api.package,
         name="api-package"),
    path("uws", uws.job_list, name="uws-jobs"),
    path("uws/<uuid:request_id>", uws.job, name="uws-job"),
    path("uws/<uuid:request_id>/phase", uws.job_phase, name="uws-phase"),
    path("uws/<uuid:request_id>/results", uws.job_results,
         name="uws-results"),
    path("uws/<uuid:request_id>/results/<str:result_id>", uws.job_result,
         name="uws-result"),
]
