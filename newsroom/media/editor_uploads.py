"""CKEditor's image upload and browser, on our own URLs.

django-ckeditor's own (ckeditor_uploader) check only staff status, are exempt
from CSRF, take any file by default and check images by their name. These take
images only, through the pipeline of images.py; CSRF is enforced (the editor
sends the token in a header, static/admin/js/editor-csrf.js); only staff who
may write content may upload; a reporter browses only their own uploads,
editors everyone's.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from newsroom.media.images import PreparedImageFile, prepare_image
from newsroom.media.models import EditorImage
from newsroom.publishing.registry import content_kinds

BROWSE_LIMIT = 200


def may_upload(user) -> bool:
    """Whoever may write an editorial item of any kind."""
    return any(user.has_perm(kind.perm("add")) for kind in content_kinds.editorial())


def sees_all_uploads(user) -> bool:
    """Editors of any kind browse everyone's uploads; others their own."""
    return any(
        user.has_perm(kind.perm("publish")) for kind in content_kinds.editorial()
    )


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@staff_member_required
@require_POST
def upload(request):
    if not may_upload(request.user):
        raise PermissionDenied
    file = request.FILES.get("upload")
    if file is None:
        return _error(_("Choose an image to upload."))
    try:
        prepared = prepare_image(file)
    except ValidationError as error:
        return _error(" ".join(error.messages))
    editor_image = EditorImage(uploaded_by=request.user)
    editor_image.image = PreparedImageFile(prepared)  # stored, with renditions, on save
    editor_image.save()
    return JsonResponse(
        {"uploaded": 1, "fileName": editor_image.image.name.rsplit("/", 1)[-1],
         "url": editor_image.body_url}
    )  # fmt: skip


@staff_member_required
@require_GET
def browse(request):
    if not may_upload(request.user):
        raise PermissionDenied
    images = EditorImage.objects.all()
    if not sees_all_uploads(request.user):
        images = images.filter(uploaded_by=request.user)
    function_number = request.GET.get("CKEditorFuncNum", "")
    if not function_number.isdigit():
        function_number = ""
    return render(
        request,
        "admin/media/editor_browse.html",
        {"images": images.select_related("uploaded_by")[:BROWSE_LIMIT],
         "function_number": function_number},
    )  # fmt: skip
