"""The real ``ktw`` binary in a real terminal (tmux): keys in, screen text out.

Walks what a process owner does: start, filter by typing, open, find a finding, rehearse,
search, export, edit, quit with the unsaved-changes guard, and kill -9 followed by the
draft being offered back, for an existing and for a new process. Skipped when tmux is not
installed (``.ci/run`` installs it). Each run uses its own tmux server socket, so it never
touches anyone's sessions; ``KTW_TMUX_PREFIX`` names them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS

KTW = Path(sys.executable).with_name("ktw")
WAIT = 30.0  # seconds; generous, as CI machines can be slow and busy

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not KTW.exists(), reason="the ktw script is not installed"),
]


class Terminal:
    """One tmux pane running a shell command, driven by keys and read as text."""

    def __init__(self, folder: Path, width: int = 120, height: int = 40) -> None:
        self.prefix = os.environ.get("KTW_TMUX_PREFIX", "ktw-test")
        self.name = ""
        self.folder = folder
        self.size = (width, height)
        self.env = {
            **os.environ,
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "TERM": "xterm-256color",
        }
        self.env.pop("KTW_DB", None)
        self.env.pop("TMUX", None)

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.name, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def start(self, command: str) -> None:
        # A fresh server each start: one just killed may still be going away.
        self.name = f"{self.prefix}-{uuid.uuid4().hex[:8]}"
        width, height = self.size
        self.tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command
        )

    def run_ktw(self, database: Path) -> None:
        """ktw in the pane; the shell stays to report the exit status."""
        self.start(f"{KTW} --db {database}; echo KTW-EXITED=$?; sleep 600")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)
        # A lone Escape is only known to be one when nothing follows it for a moment.
        time.sleep(0.5 if "Escape" in keys else 0.15)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)
        time.sleep(0.15)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, *texts: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {texts!r}; the screen was:\n{screen}")
            time.sleep(0.2)

    def wait_gone(self, text: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} stayed; the screen was:\n{screen}")
            time.sleep(0.2)

    def kill_ktw(self) -> None:
        """kill -9 the workbench, as a crash or a closed terminal would."""
        shell = int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        children = subprocess.run(
            ["pgrep", "-P", str(shell)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert children, "ktw is running under the pane's shell"
        for pid in children:
            os.kill(int(pid), signal.SIGKILL)

    def close(self) -> None:
        if self.name:
            subprocess.run(
                ["tmux", "-L", self.name, "kill-server"],
                env=self.env,
                capture_output=True,
                check=False,
            )
            # kill-server leaves the socket file behind.
            sockets = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
            (sockets / self.name).unlink(missing_ok=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    subprocess.run([str(KTW), "--db", str(path), "init", "--samples"], check=True)
    return path


def filter_library(term: Terminal, text: str) -> None:
    """Type into the library filter, whether or not it already has the focus, until the
    filter shows the text: keys sent while a busy machine is still starting the workbench
    can arrive before the filter is there to take them."""
    for _ in range(3):
        term.keys("f")  # focuses the filter (or types an 'f' into it) …
        term.keys("C-u")  # … and the line is cleared either way
        term.type(text)
        try:
            term.wait_for(text, timeout=5)
            return
        except AssertionError:
            continue
    term.wait_for(text)


def to_procedure(term: Terminal) -> None:
    """Alt+Right from the overview: the procedure tab, with the cursor in its text (F2 from
    the steps' view, where one is registered)."""
    term.keys("M-Right")
    source_of_procedure(term)


def source_of_procedure(term: Terminal) -> None:
    if "procedure" in STRUCTURED_VIEWS:
        time.sleep(0.5)
        term.keys("F2")
    term.wait_for("A numbered list, one action per step")
    time.sleep(0.5)


def palette(term: Terminal, command: str) -> None:
    term.keys("C-p")
    term.wait_for("Search for commands")
    term.type(command)
    time.sleep(0.5)
    term.keys("Enter")


def test_a_working_session_in_the_real_terminal(terminal: Terminal, database: Path) -> None:
    term = terminal
    term.run_ktw(database)
    term.wait_for("Process library", "Recover access to a customer account")

    pack = term.folder / "pack"
    palette(term, "Export handover pack")
    term.wait_for("Export a handover pack")
    term.keys("C-u")
    term.type(str(pack))
    term.keys("Enter")
    # The samples hold two credentials on purpose: refused, then written masked.
    term.wait_for("the pack would contain 2 credentials")
    assert not pack.exists()
    for _ in range(3):  # format, processes, then the masking choice
        term.keys("Tab")
    term.keys("Space")
    term.keys("C-s")
    term.wait_for("Wrote a handover pack")
    assert (pack / "README.md").is_file()
    assert "[hidden]" in (pack / "processes" / "lost-stolen-card.md").read_text("utf-8")

    filter_library(term, "recover")
    term.wait_gone("Refund a duplicate card charge")
    term.keys("Enter")
    term.wait_for("Recover access to a customer account — saved")

    term.wait_for("4 findings")  # checked
    term.keys("C-f")
    time.sleep(0.5)
    term.keys("Enter")  # the first finding: the status is not approved
    term.wait_for("Have the owner review the process")

    term.keys("C-r")
    term.wait_for("Rehearse: Recover access", "Question")
    term.keys("1")
    term.wait_for("Path so far")
    term.keys("Escape")
    term.wait_for("Recover access to a customer account — saved")

    term.keys("F2")
    term.wait_for("Search every process")
    term.type("duplicate charge")
    term.wait_for("Refund a duplicate card charge")
    term.keys("Escape")

    to_procedure(term)
    term.type("Z")
    term.wait_for("unsaved changes")
    term.keys("C-q")
    term.wait_for("before quitting?")
    term.keys("Escape")  # cancel: the workbench stays, the change too
    term.wait_gone("before quitting?")
    assert "KTW-EXITED" not in term.screen()
    term.wait_for("unsaved changes")
    term.keys("C-q")
    term.wait_for("before quitting?")
    term.keys("Tab", "Enter")  # Discard
    term.wait_for("KTW-EXITED=0")


def test_drafts_come_back_after_kill_9(terminal: Terminal, database: Path) -> None:
    term = terminal
    term.run_ktw(database)
    term.wait_for("Process library")
    filter_library(term, "recover")
    term.wait_gone("Refund a duplicate card charge")
    term.keys("Enter")
    term.wait_for("Recover access to a customer account — saved", "4 findings")
    to_procedure(term)
    term.type("Zebra ")
    term.wait_for("unsaved changes")
    time.sleep(1.5)  # the draft is written when typing pauses
    term.kill_ktw()
    term.wait_for("KTW-EXITED=137")
    term.close()

    term.run_ktw(database)
    term.wait_for("Process library")
    filter_library(term, "recover")
    term.wait_gone("Refund a duplicate card charge")
    term.keys("Enter")
    term.wait_for("were kept as a draft")
    term.keys("Enter")  # Restore has the focus
    term.wait_for("unsaved changes")
    term.keys("M-Right")
    source_of_procedure(term)
    term.wait_for("Zebra 1. Open the ticket")

    term.keys("Escape")
    term.wait_for("before closing?")
    term.keys("Tab", "Enter")  # Discard
    term.wait_for("Process library")
    palette(term, "New process")
    term.wait_for("new, not saved yet")
    term.type("Handle a [b] lost parcel")
    term.wait_for("unsaved changes")
    time.sleep(1.5)
    term.kill_ktw()
    term.wait_for("KTW-EXITED=137")
    term.close()

    term.run_ktw(database)
    term.wait_for("the new process 'Handle a [b] lost parcel'")
    term.keys("Enter")
    term.wait_for("Handle a [b] lost parcel •", "unsaved changes")
