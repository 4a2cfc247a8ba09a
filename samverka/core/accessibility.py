"""What the accessibility statement says about the automated checks.

The statement (lag 2018:1937, DIGG's model) reports how the service was tested. The browser
tests (`core/tests/test_browser.py`) run axe-core on every page in `PAGES` and fail on any
violation; they also fail when `PAGES_CHECKED` no longer matches their page list, so the
statement cannot claim more (or fewer) pages than are checked. Update `CHECKED_ON` when the
check is run for a release.
"""

import datetime

CHECKED_ON = datetime.date(2026, 12, 3)
STATEMENT_UPDATED_ON = datetime.date(2026, 12, 3)
AXE_VERSION = "4.12"
PAGES_CHECKED = 66
WIDTHS_CHECKED = (1366, 390)
STANDARD = "WCAG 2.1 AA"
SUPERVISORY_AUTHORITY_URL = "https://www.digg.se/tdosanmalan"
