"""The volunteer's identity list, machine identity seeding, the volunteer id, hardening."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from recorder.identity import IdentityStore, machine_identity, seed_deny_list, volunteer_id
from tests import harness


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_identity_cli_add_show_remove_clear(config_home: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}

    def cuarec(*args: str, value: str | None = None) -> subprocess.CompletedProcess[str]:
        # Values come on stdin (or at a prompt), never as arguments that shell history keeps.
        return harness.run_cuarec("identity", *args, env=env,
                                  input=None if value is None else value + "\n")

    assert cuarec("add", "email", value="jane.roe@example.org").stdout.strip() == "added"
    assert cuarec("add", "name", value="Jane Roe").returncode == 0
    assert cuarec("add", "name", value="jane roe").stdout.strip() == "already stored"
    empty = cuarec("add", "name", value="")
    assert empty.returncode == 2 and "no value on stdin" in empty.stderr
    as_argument = cuarec("add", "name", "Jane Roe")
    assert as_argument.returncode == 2 and "Jane Roe" not in as_argument.stdout
    shown = json.loads(cuarec("show", "--json").stdout)
    assert shown == [{"kind": "email", "value": "jane.roe@example.org"},
                     {"kind": "name", "value": "Jane Roe"}]
    stored = config_home / "cuarec" / "identity.json"
    assert stored.stat().st_mode & 0o777 == 0o600
    assert stored.parent.stat().st_mode & 0o777 == 0o700
    bad = cuarec("add", "shoe-size", value="42")
    assert bad.returncode == 2 and "unknown identity kind" in bad.stderr
    assert cuarec("remove", value="Jane Roe").returncode == 0
    assert cuarec("remove", value="Jane Roe").returncode == 2
    assert cuarec("clear").returncode == 0
    assert cuarec("show").stdout.strip() == "no identity values stored"


def test_deny_list_holds_machine_and_volunteer_values(config_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "wilhelmina")
    monkeypatch.setenv("HOME", "/home/wilhelmina")
    store = IdentityStore()
    store.add("phone", "+44 20 7946 0958")
    deny = seed_deny_list(store)
    assert "wilhelmina" in deny and "/home/wilhelmina" in deny
    assert "+44 20 7946 0958" in deny
    assert "wilhelmina" not in repr(deny)
    assert ("wilhelmina", "USERNAME") in machine_identity()


def test_volunteer_id_is_stable_random_and_private(config_home: Path) -> None:
    first = volunteer_id()
    assert uuid.UUID(first).version == 4 and volunteer_id() == first
    assert (config_home / "cuarec" / "volunteer-id").stat().st_mode & 0o777 == 0o600


def test_corrupt_identity_file_is_one_line_error(config_home: Path) -> None:
    (config_home / "cuarec").mkdir(parents=True)
    (config_home / "cuarec" / "identity.json").write_text("{not json")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}
    result = harness.run_cuarec("identity", "show", env=env)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


def test_hardening_disables_core_dumps() -> None:
    code = ("from recorder.hardening import harden_process, is_dumpable\n"
            "assert is_dumpable()\nharden_process()\nprint(is_dumpable())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_logging_at_debug_shows_ours_and_keeps_third_party_quiet() -> None:
    """Ours at DEBUG reach stderr; third-party loggers (which may quote recognised text)
    print nothing, not even errors through logging's last-resort handler."""
    code = ("import logging\nfrom recorder.hardening import configure_logging\n"
            "configure_logging('debug')\nlogging.root.setLevel(logging.DEBUG)\n"
            "logging.getLogger('cuarec.test').debug('ours %d', 1)\n"
            "for name in ('presidio-analyzer', 'RapidOCR', 'onnxruntime', 'spacy'):\n"
            "    logging.getLogger(name).error('text jane.doe@example.com')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stderr == "cuarec: DEBUG cuarec.test: ours 1\n"
