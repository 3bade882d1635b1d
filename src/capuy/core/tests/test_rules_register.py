"""docs/RULES.md names functions and test modules that exist, so the register cannot drift from the code."""

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
REGISTER = ROOT / "docs" / "RULES.md"
CODE = re.compile(r"`([^`]+)`")


def _rows():
    for line in REGISTER.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("Quy tắc", "---"):
            yield cells


def _resolve(module, name):
    target = module
    for part in name.split("."):
        target = getattr(target, part)
    return target


def test_every_table_of_the_register_has_the_five_columns():
    odd = [line[:60] for line in REGISTER.read_text(encoding="utf-8").splitlines()
           if line.startswith("|") and len(line.strip().strip("|").split("|")) != 5]
    assert odd == []


def test_the_register_has_rows():
    assert sum(1 for _ in _rows()) >= 30


def test_every_function_named_in_the_register_exists():
    missing = []
    for rule, _source, functions, _setting, _tests in _rows():
        module = None
        for token in CODE.findall(functions):
            if token.endswith(".py"):
                dotted = "capuy." + token[:-3].replace("/", ".")
                module = importlib.import_module(dotted)
                continue
            if module is None:
                missing.append((rule[:40], token, "no module before it"))
                continue
            try:
                _resolve(module, token)
            except AttributeError:
                missing.append((rule[:40], token, module.__name__))
    assert missing == []


def test_every_test_module_named_in_the_register_exists():
    missing = [token for *_, tests in _rows() for token in CODE.findall(tests)
               if not (ROOT / "src" / "capuy" / token).is_file()]
    assert missing == []
