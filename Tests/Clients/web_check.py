#!/usr/bin/env python3
"""Reads maintd-web as real clients do, for the end-to-end tests; prints JSON.

  web_check.py metrics URL            the families prometheus_client's parser reads
  web_check.py ics URL                the events the icalendar package reads
  web_check.py board URL TASK -- CMD  opens the board in headless Chromium, waits for TASK in its overdue column,
                                      runs CMD (a completion through the socket), and waits for the page to move
                                      it without a reload
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8")


def metrics(url):
    from prometheus_client.parser import text_string_to_metric_families

    status, headers, text = fetch(url)
    families = {}
    for family in text_string_to_metric_families(text):
        families[family.name] = {
            "type": family.type,
            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
        }
    return {"status": status, "contentType": headers.get("Content-Type"), "families": families}


def ics(url):
    import icalendar

    status, headers, text = fetch(url)
    calendar = icalendar.Calendar.from_ical(text)
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "start": event.decoded("DTSTART").isoformat(),
            "status": str(event.get("STATUS", "")),
            "sequence": int(event.get("SEQUENCE", 0)),
        })
    return {"status": status, "contentType": headers.get("Content-Type"), "name": str(calendar.get("X-WR-CALNAME")),
            "events": events, "crlf": "\r\n" in text, "longest": max(len(l.encode()) for l in text.split("\r\n"))}


class Page:
    """A page in headless Chromium, driven over the DevTools protocol."""

    def __init__(self, url):
        import websocket

        self.profile = tempfile.mkdtemp(prefix="maintd-board-")
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        self.browser = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-allow-origins=*",
             f"--remote-debugging-port={port}", f"--user-data-dir={self.profile}", "--window-size=1920,1080", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        target = None
        while time.time() < deadline and target is None:
            try:
                _, _, text = fetch(f"http://127.0.0.1:{port}/json/list")
                target = next((t for t in json.loads(text) if t.get("type") == "page"), None)
            except OSError:
                time.sleep(0.2)
        if target is None:
            raise SystemExit("chromium did not open the page")
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30)
        self.next = 0

    def evaluate(self, expression):
        self.next += 1
        self.socket.send(json.dumps({"id": self.next, "method": "Runtime.evaluate",
                                     "params": {"expression": expression, "returnByValue": True}}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next:
                return message.get("result", {}).get("result", {}).get("value")

    def wait(self, expression, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        return None

    def close(self):
        self.socket.close()
        self.browser.terminate()
        self.browser.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def board(url, task, command):
    page = Page(url)
    try:
        column = lambda state: (f"Array.from(document.querySelectorAll('.column.{state} li'))"
                                f".map(function (li) {{ return li.getAttribute('data-task'); }})")
        shown = page.wait(f"document.querySelector('.column.overdue li[data-task=\"{task}\"]') !== null")
        live = page.wait("document.getElementById('live').textContent === 'live'")
        before = {"overdue": page.evaluate(column("overdue")), "text": page.evaluate("document.body.innerText"),
                  "title": page.evaluate("document.title")}
        # A mark on this document: a reload would lose it.
        page.evaluate("window.maintdMark = 42")
        done = subprocess.run(command, capture_output=True, text=True)
        moved = page.wait(f"document.querySelector('.column.overdue li[data-task=\"{task}\"]') === null")
        after = {"overdue": page.evaluate(column("overdue")), "mark": page.evaluate("window.maintdMark"),
                 "version": page.evaluate("document.getElementById('board').getAttribute('data-version')")}
        return {"shown": bool(shown), "live": bool(live), "before": before, "command": done.returncode,
                "commandError": done.stderr, "moved": bool(moved), "after": after}
    finally:
        page.close()


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "metrics":
        result = metrics(sys.argv[2])
    elif what == "ics":
        result = ics(sys.argv[2])
    elif what == "board":
        separator = sys.argv.index("--")
        result = board(sys.argv[2], sys.argv[3], sys.argv[separator + 1:])
    else:
        raise SystemExit(f"unknown check {what}")
    print(json.dumps(result))
