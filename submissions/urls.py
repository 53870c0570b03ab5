from django.urls import path

from . import views

urlpatterns = [
    path("", views.share_practice, name="share_practice"),
    path("received/<str:token>/", views.share_practice_received, name="share_practice_received"),
]
