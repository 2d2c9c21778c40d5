"""Starting the web app costs no model: spaCy is loaded by the first write only."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_web_app_does_not_load_spacy() -> None:
    probe = "import sys, truceline.web.app; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
