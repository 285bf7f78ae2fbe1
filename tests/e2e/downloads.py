"""Downloads in Chromium: Playwright's download events do not fire for Streamlit's programmatic link clicks
here, so each page records the links Streamlit clicks (`RECORD_LINK_CLICKS`, an init script) and a test
fetches those bytes itself (`download`).
"""

from __future__ import annotations

from playwright.sync_api import Error, Locator, Page

RECORD_LINK_CLICKS = """
window.__fintrackDownloads = [];
const originalClick = HTMLAnchorElement.prototype.click;
HTMLAnchorElement.prototype.click = function () {
  if (this.href.includes('/media/')) { window.__fintrackDownloads.push(this.href); return; }
  return originalClick.call(this);
};
"""
CLICKS = 3
WAIT_MS = 5_000


def download(page: Page, button: Locator) -> bytes:
    """Click a download `button` and return the bytes of the file Streamlit links to.

    Streamlit mounts a new button once the run that drew it ends; a machine's click whose press and release
    straddle that instant lands on the container, not on the button, and nothing is downloaded (seen with
    Chromium 156 about one run in two; a person's click is far slower than that window). So a click that
    starts no download within a few seconds is repeated, at most `CLICKS` times.
    """
    before = page.evaluate("() => window.__fintrackDownloads.length")
    for attempt in range(1, CLICKS + 1):
        button.click()
        try:
            page.wait_for_function(f"() => window.__fintrackDownloads.length > {before}", timeout=WAIT_MS)
            break
        except Error:
            if attempt == CLICKS:
                raise
    response = page.request.get(page.evaluate(f"() => window.__fintrackDownloads[{before}]"))
    assert response.ok, response.status
    return response.body()
