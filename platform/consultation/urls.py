from django.urls import path

from consultation import views

app_name = "consultation"
urlpatterns = [
    path("gop-y-du-thao/<int:page_id>/", views.comment, name="comment"),
]
