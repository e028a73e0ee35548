"""Helpers for the docket-serve tests: temporary indexes and a server
process on 127.0.0.1 with a port picked by the system.

Never touches the user's default index: every program gets its own HOME
and an explicit -d.
"""
import http.client
import os
import re
import signal
import subprocess
import tempfile
import time

START_TIMEOUT = 60  # seconds; valgrind starts slowly
STOP_TIMEOUT = 60

LISTENING = re.compile(r"^docket-serve: listening on (http://127\.0\.0\.1:(\d+)/)$", re.M)

# A Markdown file whose heading and text are HTML that must never run.
XSS_TITLE = "<script>alert(1)</script>"
XSS_IMAGE = "<img src=x onerror=alert(2)>"
XSS_MARKDOWN = f"""# {XSS_TITLE}

Injection probe {XSS_IMAGE} inside the text, and a quote " and an
ampersand & for good measure.
"""


def program_env(home):
    """The environment for a docket program: its own HOME, no index
    variables."""
    env = dict(os.environ)
    env.pop("DOCKET_INDEX", None)
    env.pop("XDG_DATA_HOME", None)
    env["HOME"] = home
    return env


def run(bin_dir, home, program, *args):
    """Run a docket program; return (exit code, stdout bytes, stderr text)."""
    proc = subprocess.run([os.path.join(bin_dir, program), *args], capture_output=True,
                          env=program_env(home), timeout=600)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def write_xss_folder(parent):
    """Write the injection probe into a new folder under `parent`."""
    folder = os.path.join(parent, "xss")
    os.makedirs(folder)
    with open(os.path.join(folder, "xss-probe.md"), "w", encoding="utf-8") as out:
        out.write(XSS_MARKDOWN)
    return folder


def build_index(bin_dir, home, index, *paths):
    """Index `paths` into `index` with docket-index; raise when it fails."""
    code, _, err = run(bin_dir, home, "docket-index", "-q", "-d", index, *paths)
    if code != 0:
        raise AssertionError(f"docket-index {paths} exited {code}: {err}")


class Server:
    """A docket-serve process listening on 127.0.0.1 with a free port.

    Its stderr goes to a file, so that the request log never fills a pipe
    and blocks the server."""

    def __init__(self, bin_dir, home, index, extra_args=(), wrapper=()):
        self.log_file = tempfile.NamedTemporaryFile(prefix="docket-serve-", suffix=".log",
                                                    delete=False)
        command = [*wrapper, os.path.join(bin_dir, "docket-serve"), "-d", index,
                   "--listen", "127.0.0.1:0", *extra_args]
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self.log_file,
                                     env=program_env(home))
        self.url, self.port = self._wait_for_url()

    def _wait_for_url(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            match = LISTENING.search(self.log())
            if match:
                return match.group(1), int(match.group(2))
            if self.proc.poll() is not None:
                raise AssertionError(f"docket-serve exited {self.proc.returncode}: {self.log()}")
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"docket-serve printed no URL in {START_TIMEOUT} s: {self.log()}")

    def log(self):
        with open(self.log_file.name, encoding="utf-8", errors="replace") as log:
            return log.read()

    def wait_for_log(self, pattern, timeout=10):
        """Return the log once it matches the regular expression `pattern`;
        the server writes a request line after sending the response."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log()
            if re.search(pattern, log) or time.monotonic() > deadline:
                return log
            time.sleep(0.05)

    def request(self, method, target, headers=None, body=None):
        """Send one request on a new connection; return (status, headers
        as a dict with lower-case names, body bytes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, target, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            names = {name.lower(): value for name, value in response.getheaders()}
            return response.status, names, data
        finally:
            connection.close()

    def get(self, target, headers=None):
        return self.request("GET", target, headers)

    def stop(self, sig=signal.SIGTERM):
        """Send `sig` and return the exit code; kill after STOP_TIMEOUT."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def close(self):
        """Stop the server if it runs and remove its log."""
        self.stop()
        self.log_file.close()
        os.unlink(self.log_file.name)
