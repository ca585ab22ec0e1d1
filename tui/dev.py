"""`make dev`: the app on the shipped course, for `textual run --dev tui.dev:app`.

Built the way `stemcell-explainer run` builds it (see `tui.cli._run`), with progress in the
user's data dir. A course with problems raises here; `make check` lists them.
"""

from __future__ import annotations

from tui.app import make_app
from tui.content.paths import default_course_root
from tui.course_cache import load_course_cached

app = make_app(load_course_cached(default_course_root()))
