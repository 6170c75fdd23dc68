"""Admin code every editorial item shares, one mechanism a module:

- base.py: PublishableAdmin, the ModelAdmin of every editorial kind
- workflow.py: buttons, status choices and bulk actions from the table of moves
- stale_save.py: a save from a form opened before someone else's is refused
- history.py: revisions, comparison, restore and recovery
- filters.py, search.py: list filters; safe and full-text list search
- record.py: the record of editorial decisions (WorkflowEvent)
"""

from newsroom.publishing.admin import record  # noqa: F401 - registers its admin
from newsroom.publishing.admin.base import PublishableAdmin
from newsroom.publishing.admin.search import SafeSearchMixin

__all__ = ["PublishableAdmin", "SafeSearchMixin"]
