import re

from django.urls import re_path

from newsroom.identity import marks, views

app_name = "identity"
# At the root, where browsers look for them (/favicon.ico, /apple-touch-icon.png),
# and only these names.
_NAMES = "|".join(re.escape(name) for name in marks.PICTURES)
urlpatterns = [
    re_path(rf"^(?P<filename>{_NAMES})$", views.picture, name="picture"),
]
