"""Editing a visit safely: the headless core the terminal UI (or any other front end) drives.

:class:`EditSession` holds one visit being edited as plain data (what the person typed, valid or
not), validates it against the domain model after every change, keeps undo and redo over the
whole visit, and saves it atomically beside a backup; :mod:`.document` knows the file on disk
(its fingerprint guards against overwriting a file changed elsewhere) and :mod:`.journal` keeps
unsaved edits in a recovery file so that a crash loses at most the last seconds of typing.
Nothing here imports the TUI.
"""

from kvalitet_core.editing.document import ExternalChangeError, VisitDocument, backup_path
from kvalitet_core.editing.journal import Recovery
from kvalitet_core.editing.paths import FieldPath, format_path
from kvalitet_core.editing.session import EditSession, InvalidVisitError
from kvalitet_core.editing.template import assessment_choices, new_visit

__all__ = ["assessment_choices", "EditSession", "ExternalChangeError", "FieldPath", "InvalidVisitError", "Recovery",
           "VisitDocument", "backup_path", "format_path", "new_visit"]
