"""Import rules, read from the source (ast), so that a new import breaking them fails here:

- ``core`` depends on no app: its modules import nothing from ``capuy.<app>``. The one exception is
  ``core/testing.py``, the shared test base that builds a named person for every role (it needs
  accounts, organizations and members); only tests may import it.
- ``voting`` builds on ``conferences``, never the reverse: conferences gets what voting adds to its pages
  through ``capuy.conferences.panels``.
"""

import ast
from pathlib import Path

import capuy
from capuy.core.tests.sources import syntax_tree

PACKAGE = Path(capuy.__file__).resolve().parent
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists() and p.name != "core")
# Test support, not runtime code: the named people of every role come from several apps (see module doc).
CORE_ALLOWED = {"testing.py"}


def _is_test(path: Path) -> bool:
    return "tests" in path.relative_to(PACKAGE).parts


def _imports(path: Path) -> set[str]:
    """Every module named by an ``import`` or ``from … import`` anywhere in the file, functions included."""
    found = set()
    for node in ast.walk(syntax_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _runtime_modules(app: str):
    return [p for p in sorted((PACKAGE / app).rglob("*.py")) if not _is_test(p)]


def _offending(path: Path, targets: list[str]) -> list[str]:
    return sorted(m for m in _imports(path) if any(m == f"capuy.{t}" or m.startswith(f"capuy.{t}.") for t in targets))


def test_the_apps_are_found():
    assert {"accounts", "conferences", "voting", "organizations"} <= set(APPS)


def test_core_imports_no_app():
    wrong = {str(p.relative_to(PACKAGE)): _offending(p, APPS) for p in _runtime_modules("core")
             if p.name not in CORE_ALLOWED or p.parent != PACKAGE / "core"}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_conferences_do_not_import_voting():
    wrong = {str(p.relative_to(PACKAGE)): _offending(p, ["voting"]) for p in _runtime_modules("conferences")}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_only_tests_import_the_core_test_base():
    users = [str(p.relative_to(PACKAGE)) for app in [*APPS, "core"] for p in _runtime_modules(app)
             if p.name != "testing.py" and "capuy.core.testing" in _imports(p)]
    assert users == []


def test_the_rule_catches_a_nested_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from capuy.voting.models import Vote\n", encoding="utf-8")
    assert _offending(module, ["voting"]) == ["capuy.voting.models", "capuy.voting.models.Vote"]
