from django.urls import path

from newsroom.media import editor_uploads

# Under /admin/editor/: CKEditor's image upload and browser.
app_name = "media"
urlpatterns = [
    path("upload/", editor_uploads.upload, name="editor-upload"),
    path("browse/", editor_uploads.browse, name="editor-browse"),
]
