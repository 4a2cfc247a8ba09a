"""Where the repository and the shared folder beside it live."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent
# CI and developers keep `shared/` beside the clone; SAMVERKA_SHARED_DIR points elsewhere.
SHARED_DIR = Path(os.environ.get("SAMVERKA_SHARED_DIR", REPO_DIR.parent / "shared"))
SIE_SAMPLES_DIR = SHARED_DIR / "sie-samples"
