"""Every form that posts carries Django's CSRF token: without it the server refuses the post with 403."""

import re
from pathlib import Path

import capuy

# The public article's rating form posts to a csrf_exempt view (cached public pages carry no token; the view
# checks the Origin and the visitor cookie instead).
EXEMPT = {"portal/templates/portal/article.html"}
FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']post[\"'][^>]*>(.*?)</form>", re.S | re.I)


def test_every_posting_form_in_the_templates_has_a_csrf_token():
    missing = []
    root = Path(capuy.__file__).parent
    for template in root.glob("*/templates/**/*.html"):
        if str(template.relative_to(root)) in EXEMPT:
            continue
        for match in FORM.finditer(template.read_text()):
            if "csrf_token" not in match.group(1):
                line = template.read_text()[: match.start()].count("\n") + 1
                missing.append(f"{template.relative_to(root)}:{line}")
    assert missing == []
