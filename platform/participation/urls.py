from django.urls import path

from participation import views

urlpatterns = [
    path("thu-thach/", views.challenge, name="participation_challenge"),
    path("gui/<int:page_id>/", views.submit, name="participation_submit"),
]
