from django.urls import path

from replication import views

urlpatterns = [
    path("<int:page_id>/", views.request_replication, name="request_replication"),
    path("<int:page_id>/sent/", views.request_sent, name="replication_sent"),
]
