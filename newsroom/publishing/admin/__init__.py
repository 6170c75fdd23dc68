"""Admin code every editorial item shares, one mechanism a module:

- base.py: PublishableAdmin, the ModelAdmin of every editorial kind, and
  RecordedAdmin, of sections and officials (history and recovery)
- workflow.py: buttons, status choices and bulk actions from the table of moves
- stale_save.py: a save from a form opened before someone else's is refused;
  two saves that meet get the form's message, not a 500
- unseen.py: links and slugs a user may not see are kept and not told
- history.py: revisions, comparison (naming only what the viewer may see),
  restore, and recovery with the links the deletion cut
- filters.py, search.py: list filters; safe and full-text list search
- record.py: the record of editorial decisions (WorkflowEvent)
- notes.py: the thread of editorial notes beside the form (newsroom/desk)
- autosave.py, presence.py, kept_text.py: nothing lost: autosaves, who else
  is editing, the text of a Save after the session ended
"""

from newsroom.publishing.admin import record  # noqa: F401 - registers its admin
from newsroom.publishing.admin.base import PublishableAdmin, RecordedAdmin
from newsroom.publishing.admin.search import SafeSearchMixin

__all__ = ["PublishableAdmin", "RecordedAdmin", "SafeSearchMixin"]
