"""A real server the tests need, found once per session: from the environment, or started by its script.

With the variable set, its URL is used. Without it, CI fails at once (it
must never skip these tests); a developer's run starts a throw-away server
with the project's script once per session and stops it at the end, and
skips the tests only when the script says the machine lacks what it needs.
"""

import os
import subprocess

import pytest


class ThrowawayServer:
    def __init__(self, label, script, variable, missing_tools, start_timeout, stop_timeout):
        self.label, self.script, self.variable = label, script, variable
        self.missing_tools = missing_tools
        self.start_timeout, self.stop_timeout = start_timeout, stop_timeout
        self.key = pytest.StashKey[tuple]()

    def url(self, config):
        """The URL of a server that answers; skips or fails the calling test when there is none."""
        if self.key not in config.stash:
            config.stash[self.key] = self._start(config)
        outcome, detail = config.stash[self.key]
        if outcome == "skip":
            pytest.skip(detail)
        if outcome == "fail":
            pytest.fail(detail, pytrace=False)
        return detail

    def _start(self, config):
        url = os.environ.get(self.variable)
        if url:
            return "url", url
        script = f"scripts/{self.script.name}"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            return "fail", (
                f"CI is set but {self.variable} is not: start a server first with "
                f'eval "$({script} start)"; CI never skips the {self.label} tests.'
            )
        started = subprocess.run([str(self.script), "start"], capture_output=True, text=True,
                                 timeout=self.start_timeout)
        messages = [line for line in started.stderr.splitlines() if line.strip()]
        if started.returncode != 0:
            reason = next((line for line in messages if any(m in line for m in self.missing_tools)), None)
            if reason:
                return "skip", f"{self.label} tests skipped: {reason}"
            return "fail", f"{script} start failed:\n" + "\n".join(messages[-20:])
        url = started.stdout.strip().rpartition(f"{self.variable}=")[2]
        if not any("already running" in line for line in messages):
            # Only a server this session started is stopped (which deletes its data).
            config.add_cleanup(lambda: subprocess.run([str(self.script), "stop"], capture_output=True,
                                                      timeout=self.stop_timeout))
        return "url", url
