from django.urls import path

from replication import views

urlpatterns = [
    path("<db_id:page_id>/", views.request_replication, name="request_replication"),
    path("<db_id:page_id>/sent/", views.request_sent, name="replication_sent"),
]
