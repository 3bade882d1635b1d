"""Every CAPUY_* setting is declared once (capuy/config.py), read from the environment there, and documented."""

import re
from fractions import Fraction
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from capuy import config

ROOT = Path(__file__).resolve().parents[4]
NAME = re.compile(r"\bCAPUY_[A-Z0-9_]*[A-Z0-9]\b")


def _names_used_in_code() -> set[str]:
    files = [*ROOT.joinpath("src", "capuy").rglob("*.py"), *ROOT.joinpath("bench").rglob("*.py"), ROOT / "Makefile"]
    used = set()
    for path in files:
        if "tests" in path.parts:
            continue
        used |= set(NAME.findall(path.read_text(encoding="utf-8")))
    return used


def test_every_capuy_setting_used_in_the_code_is_declared_in_config():
    assert _names_used_in_code() - set(config.DECLARED) == set()


def test_every_declared_setting_is_documented_for_operators():
    documented = set(NAME.findall(ROOT.joinpath("docs", "SETTINGS.md").read_text(encoding="utf-8")))
    assert set(config.DECLARED) - documented == set()


def test_django_settings_carry_every_declared_default():
    for setting in config.SETTINGS:
        if not setting.process_only:
            assert getattr(settings, setting.name) == setting.default, setting.name


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("CAPUY_QUORUM_FRACTION", "1/2", Fraction(1, 2)),
    ("CAPUY_QUORUM_FRACTION", "0.75", Fraction(3, 4)),
    ("CAPUY_QUORUM_FRACTION", "", Fraction(2, 3)),
    ("CAPUY_EXTRA_CANDIDATES_PREPARED", "1/10, 1/5", (Fraction(1, 10), Fraction(1, 5))),
    ("CAPUY_ELECTION_TIE_REVOTE", "off", False),
    ("CAPUY_TASKS_EVIDENCE_EXTENSIONS", "PDF, .docx", ("pdf", "docx")),
    ("CAPUY_TASKS_REGISTRATION_DEADLINE", "3-15", "03-15"),
    ("CAPUY_TARGETS_AT_RISK", "85.5", 85.5),
    ("CAPUY_DEBUG", "1", True),
    ("CAPUY_2FA_REQUIRED_ROLES", "office", ("office",)),
    ("CAPUY_2FA_REQUIRED_ROLES", "", ()),  # set but empty: nobody (make run's demo), not the default
])
def test_values_are_read_from_the_environment(name, text, expected):
    assert config.from_environment(name, {name: text}) == expected


@pytest.mark.parametrize(("name", "text"), [
    ("CAPUY_QUORUM_FRACTION", "hai phần ba"),
    ("CAPUY_QUORUM_FRACTION", "3/2"),
    ("CAPUY_EXTRA_CANDIDATES_PREPARED", "3/20,1/10"),
    ("CAPUY_ELECTION_TIE_REVOTE", "có"),
    ("CAPUY_TASKS_REGISTRATION_DEADLINE", "31-01"),
    ("CAPUY_TASKS_REMIND_DAYS", "-1"),
    ("CAPUY_PAPER_OPERATORS", "two"),
])
def test_a_bad_value_stops_start_up_naming_the_variable(name, text):
    with pytest.raises(config.SettingError, match=name):
        config.from_environment(name, {name: text})


def test_an_undeclared_name_is_refused():
    with pytest.raises(KeyError):
        config.value("CAPUY_NOT_DECLARED")


def test_a_value_follows_django_settings_so_tests_can_override_it():
    with override_settings(CAPUY_TASKS_REMIND_DAYS=3):
        assert config.value("CAPUY_TASKS_REMIND_DAYS") == 3
    assert config.value("CAPUY_TASKS_REMIND_DAYS") == 7
