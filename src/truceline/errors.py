"""The one base of truceline's own errors: what went wrong in what a user gave.

Every error class the project raises on purpose (a bad file, a bad option, a
store that cannot be opened) derives from :class:`TrucelineError`, and its
``str()`` says what, where and what to do. Interfaces report this family as a
usage error (the CLI's one line and exit 2); anything else that escapes is a
bug in truceline and is reported as one, with its traceback.
"""

from __future__ import annotations


class TrucelineError(Exception):
    """Something the user can fix; ``str(exc)`` says what, where and how."""
