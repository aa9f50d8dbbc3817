#!/usr/bin/env python3
"""Open a self-contained HTML report in headless Chromium and check it.

Drives Debian's `chromium` through the Chrome DevTools Protocol over a pipe
(`--remote-debugging-pipe`: the browser reads commands on fd 3 and writes
replies on fd 4, NUL-delimited JSON), so no websocket library is needed.

Checks, each a failure when it does not hold:
  * no console message of level error or warning, no uncaught exception
    (Runtime.consoleAPICalled, Runtime.exceptionThrown, Log.entryAdded);
  * no network request except the file itself and data: URLs
    (Network.requestWillBeSent);
  * the page loads, and its script ran (a `no-js` class on <html> became `js`);
  * with --search: typing the text into the search box highlights at least
    one element matching --expect-hit-selector (default `.sg-hit`);
  * with --expect-text (repeatable): the text is visible on the page;
  * the full-page screenshot is not blank (more than 1 % of pixels differ
    from the most common colour), saved with --screenshot.

Prints one JSON object; exits 0 when every check passed, 1 when a check
failed, 2 when the browser could not be run. Never hangs: everything is
bounded by --timeout (default 60 s); the browser is always killed and its
temporary profile removed.

Example:
  python3 Scripts/browser_check.py report.html --search "Ann" \
      --expect-hit-selector ".sg-hit" --screenshot /tmp/report.png \
      --expect-text "Who is sought out"
"""

import argparse
import base64
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import unquote


class CheckError(Exception):
    """The browser could not be driven (not a failed check)."""


class Timeout(CheckError):
    pass


class Browser:
    """One headless Chromium with a fresh profile, spoken to over the DevTools pipe."""

    def __init__(self, executable, deadline, width, height):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix="sg-browser-check-")
        self.log_path = os.path.join(self.profile, "chromium-stderr.log")
        self.next_id = 0
        self.buffer = b""
        self.events = []
        self.proc = None
        args = [
            executable,
            "--headless=new",
            "--disable-gpu",
            "--remote-debugging-pipe",
            "--user-data-dir=" + self.profile,
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-dev-shm-usage",
            "--mute-audio",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            "--window-size=%d,%d" % (width, height),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")
        args.append("about:blank")
        # Pipe to the browser (its fd 3) and from it (its fd 4).
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # Move the child's ends out of the way of 3 and 4 before dup2-ing them there.
        high_r = os.dup(to_child_r)
        high_w = os.dup(from_child_w)
        os.close(to_child_r)
        os.close(from_child_w)

        def child_setup():
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.setsid()

        self.log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                pass_fds=(3, 4), preexec_fn=child_setup, close_fds=True)
        except OSError as error:
            self.close()
            raise CheckError("cannot start %s: %s" % (executable, error))
        finally:
            os.close(high_r)
            os.close(high_w)

    # -- protocol -----------------------------------------------------------

    def remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Timeout("timed out")
        return left

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            _, writable, _ = select.select([], [self.to_child], [], self.remaining())
            if writable:
                written = os.write(self.to_child, data)
                data = data[written:]
        return self.next_id

    def read_message(self, wait):
        """The next message, or None if none came within `wait` seconds."""
        end = min(time.monotonic() + wait, self.deadline)
        while b"\0" not in self.buffer:
            left = end - time.monotonic()
            if left <= 0:
                if time.monotonic() >= self.deadline:
                    raise Timeout("timed out waiting for the browser")
                return None
            readable, _, _ = select.select([self.from_child], [], [], left)
            if not readable:
                continue
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise CheckError("the browser closed the DevTools pipe (exit %s): %s" % (self.proc.poll(), self.stderr_tail()))
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw.decode("utf-8", "replace"))

    def call(self, method, params=None, session=None, wait=20):
        """Sends a command and returns its result; events met meanwhile are kept."""
        wanted = self.send(method, params, session)
        end = time.monotonic() + wait
        while True:
            message = self.read_message(max(0.0, end - time.monotonic()))
            if message is None:
                raise Timeout("no reply to %s" % method)
            if message.get("id") == wanted:
                if "error" in message:
                    raise CheckError("%s failed: %s" % (method, message["error"].get("message")))
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def pump(self, seconds):
        """Collects events for `seconds`."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            message = self.read_message(max(0.0, end - time.monotonic()))
            if message is not None and "method" in message:
                self.events.append(message)

    def wait_for_event(self, method, seconds):
        """Waits until an event named `method` has arrived (True) or `seconds` pass (False)."""
        if any(e["method"] == method for e in self.events):
            return True
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            message = self.read_message(max(0.0, end - time.monotonic()))
            if message is not None and "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return True
        return False

    def stderr_tail(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-600:].decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.send("Browser.close")
            except Exception:
                pass
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    self.proc.kill()
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
        for name in ("to_child", "from_child"):
            fd = getattr(self, name, None)
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
                setattr(self, name, None)
        if getattr(self, "log", None):
            self.log.close()
            self.log = None
        shutil.rmtree(self.profile, ignore_errors=True)


# -- PNG ----------------------------------------------------------------------

def png_pixels(data):
    """(width, height, channels, rows) of an 8-bit RGB/RGBA/grey PNG; rows are bytes."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, colour, interlace))
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def blankness(png):
    """Share of pixels that differ from the most common colour, and the number of distinct colours."""
    width, height, channels, rows = png_pixels(png)
    counts = Counter()
    for row in rows:
        for x in range(0, width * channels, channels):
            counts[row[x:x + channels]] += 1
    total = width * height
    background, most = counts.most_common(1)[0] if counts else (b"", 0)
    return {
        "analysed_width": width,
        "analysed_height": height,
        "non_background_share": round((total - most) / total, 4) if total else 0.0,
        "distinct_colours": len(counts),
        "background": "#" + background[:3].hex() if channels >= 3 else background.hex(),
    }


# -- the check ------------------------------------------------------------------

def run(args):
    path = os.path.abspath(args.file)
    if not os.path.isfile(path):
        return {"ok": False, "file": path, "failures": ["no such file: " + path]}, 2
    url = Path(path).as_uri()
    executable = args.chromium or shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not executable:
        return {"ok": False, "file": path, "failures": ["chromium not found (apt-get install chromium)"]}, 2

    started = time.monotonic()
    # Keep a few seconds for closing the browser, so the whole run stays within --timeout.
    deadline = started + args.timeout - 6
    result = {"ok": False, "file": path, "url": url, "failures": [], "console": [], "exceptions": [], "requests": []}
    browser = None
    broken = False
    try:
        browser = Browser(executable, deadline, args.width, args.height)
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(domain + ".enable", session=session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": args.width, "height": args.height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        if args.media:
            browser.call("Emulation.setEmulatedMedia", {"media": args.media}, session=session)
        if args.disable_js:
            browser.call("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        browser.events = []
        navigation = browser.call("Page.navigate", {"url": url}, session=session)
        if navigation.get("errorText"):
            result["failures"].append("navigation failed: " + navigation["errorText"])
        if not browser.wait_for_event("Page.loadEventFired", max(1.0, min(30.0, browser.remaining() - 5))):
            result["failures"].append("the page did not finish loading")
        browser.pump(0.4)

        def evaluate(expression):
            reply = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=session)
            if "exceptionDetails" in reply:
                raise CheckError("evaluating a check failed: %s" % reply["exceptionDetails"].get("text"))
            return reply.get("result", {}).get("value")

        state = evaluate("({title: document.title, classes: document.documentElement.className,"
                         " maps: document.querySelectorAll('.sg-map').length,"
                         " layers: document.querySelectorAll('.sg-layer').length,"
                         " visibleLayers: Array.prototype.filter.call(document.querySelectorAll('.sg-layer'), function(l){return l.offsetParent !== null;}).length,"
                         " sections: Array.prototype.map.call(document.querySelectorAll('section[id], header'), function(s){var r=s.getBoundingClientRect();"
                         " return {id: s.id || s.tagName.toLowerCase(), top: Math.round(r.top + window.scrollY), height: Math.round(r.height)};})})")
        result["page"] = state
        if "no-js" in (state.get("classes") or "").split() and not args.disable_js:
            result["failures"].append("the page script did not run (<html> still has class no-js; blocked by the Content-Security-Policy?)")

        for selector in args.click:
            # A real mouse click (move, press, release) at the element's centre, after scrolling it into view.
            box = evaluate("(function(){var e=document.querySelector(%s); if(!e) return null; e.scrollIntoView({block:'center',inline:'center'});"
                           " var r=e.getBoundingClientRect(); return r.width>0&&r.height>0 ? {x:r.left+r.width/2, y:r.top+r.height/2} : null;})()"
                           % json.dumps(selector))
            if not box:
                result["failures"].append("nothing visible to click: " + selector)
                continue
            for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
                browser.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"], "button": "left" if kind != "mouseMoved" else "none",
                                                          "clickCount": 1 if kind != "mouseMoved" else 0}, session=session)
            browser.pump(0.2)

        if args.search is not None:
            found = evaluate("(function(){var e=document.querySelector(%s); if(!e) return false; e.focus(); e.select && e.select(); return true;})()"
                             % json.dumps(args.search_box))
            search = {"text": args.search, "box": args.search_box, "selector": args.expect_hit_selector}
            if not found:
                result["failures"].append("no search box matches " + args.search_box)
            else:
                browser.call("Input.insertText", {"text": args.search}, session=session)
                browser.pump(0.4)
                outcome = evaluate("(function(){var hits=document.querySelectorAll(%s);"
                                   " var visible=Array.prototype.filter.call(hits,function(h){var r=h.getBoundingClientRect(); return r.width>0&&r.height>0;});"
                                   " var m=document.querySelector('.sg-message');"
                                   " return {hits: hits.length, visibleHits: visible.length,"
                                   " people: visible.map(function(h){return h.getAttribute('data-person')}),"
                                   " message: m ? m.textContent : null};})()" % json.dumps(args.expect_hit_selector))
                search.update(outcome or {})
                if not outcome or outcome.get("visibleHits", 0) < 1:
                    result["failures"].append("searching for %r highlighted nothing visible matching %s" % (args.search, args.expect_hit_selector))
            result["search"] = search

        if args.expect_text:
            texts = evaluate("({visible: document.body.innerText, all: document.body.textContent})") or {}
            missing = []
            for text in args.expect_text:
                if text in texts.get("visible", ""):
                    continue
                missing.append(text)
                hidden = text in texts.get("all", "")
                result["failures"].append("text not visible: %r%s" % (text, " (it is in the page, but hidden)" if hidden else ""))
            result["texts"] = {"expected": args.expect_text, "missing": missing}

        # Screenshots: the full page at 1:1 (saved), and a small copy for the blankness test.
        metrics = browser.call("Page.getLayoutMetrics", session=session)
        size = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
        width = max(1, int(size.get("width", args.width)))
        height = max(1, min(int(size.get("height", args.height)), args.max_height))
        shot = {"width": width, "height": height}
        if args.screenshot:
            reply = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
                                 session=session, wait=30)
            with open(args.screenshot, "wb") as f:
                f.write(base64.b64decode(reply["data"]))
            shot["path"] = os.path.abspath(args.screenshot)
        scale = min(1.0, 320.0 / width)
        reply = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}},
                             session=session, wait=30)
        shot.update(blankness(base64.b64decode(reply["data"])))
        if shot["non_background_share"] <= 0.01:
            result["failures"].append("the screenshot is blank (%.2f%% of pixels differ from the background)" % (100 * shot["non_background_share"]))
        result["screenshot"] = shot

        browser.pump(0.2)
    except Timeout as error:
        result["failures"].append("gave up after %d s: %s" % (args.timeout, error))
    except CheckError as error:
        result["failures"].append(str(error))
        broken = True
        if browser is not None:
            result["browser_stderr"] = browser.stderr_tail()
    finally:
        events = browser.events if browser is not None else []
        if browser is not None:
            browser.close()

    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            result["console"].append({"level": params.get("type"), "text": text})
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            result["console"].append({"level": entry.get("level"), "source": entry.get("source"), "text": entry.get("text"), "url": entry.get("url")})
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            description = details.get("exception", {}).get("description") or details.get("text")
            result["exceptions"].append({"text": description, "line": details.get("lineNumber"), "column": details.get("columnNumber")})
        elif method == "Network.requestWillBeSent":
            request_url = params.get("request", {}).get("url", "")
            if unquote(request_url.split("#", 1)[0]) != unquote(url) and not request_url.startswith("data:"):
                result["requests"].append(request_url)
    for message in result["console"]:
        result["failures"].append("console %s: %s" % (message["level"], message.get("text")))
    for exception in result["exceptions"]:
        result["failures"].append("uncaught exception: %s" % exception["text"])
    for request_url in result["requests"]:
        result["failures"].append("network request: %s" % request_url)
    result["elapsed_seconds"] = round(time.monotonic() - started, 2)
    result["ok"] = not result["failures"]
    return result, 2 if broken else (0 if result["ok"] else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", help="the HTML file to open")
    parser.add_argument("--search", help="text to type into the search box")
    parser.add_argument("--search-box", default="input.sg-search", help="CSS selector of the search box (default: %(default)s)")
    parser.add_argument("--expect-hit-selector", default=".sg-hit", help="what must be highlighted after --search (default: %(default)s)")
    parser.add_argument("--expect-text", action="append", default=[], help="text that must be visible (repeatable)")
    parser.add_argument("--click", action="append", default=[], help="CSS selector of an element to click (real mouse events at its centre) before searching (repeatable)")
    parser.add_argument("--screenshot", help="where to save a full-page PNG")
    parser.add_argument("--media", choices=["screen", "print"], help="emulate this CSS media type (print: see the printed layout)")
    parser.add_argument("--disable-js", action="store_true", help="open the page with JavaScript off (the no-JS view)")
    parser.add_argument("--width", type=int, default=1200, help="viewport width in CSS pixels (default: %(default)s)")
    parser.add_argument("--height", type=int, default=900, help="viewport height (default: %(default)s)")
    parser.add_argument("--max-height", type=int, default=16000, help="longest screenshot in CSS pixels (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60, help="overall limit in seconds (default: %(default)s)")
    parser.add_argument("--chromium", help="browser executable (default: chromium on PATH)")
    args = parser.parse_args()
    args.timeout = max(10.0, min(args.timeout, 600.0))

    def on_signal(number, _frame):
        raise Timeout("interrupted by signal %d" % number)

    # A hard stop a little after the deadline, in case anything blocks outside select().
    signal.signal(signal.SIGALRM, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    signal.alarm(int(args.timeout) + 5)
    try:
        result, status = run(args)
    except Timeout as error:
        result, status = {"ok": False, "file": args.file, "failures": [str(error)]}, 2
    finally:
        signal.alarm(0)
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    sys.exit(status)


if __name__ == "__main__":
    main()
