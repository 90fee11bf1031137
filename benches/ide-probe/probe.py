#!/usr/bin/env python3
"""IDE probe (issue 14): what rust-analyzer sees of baozi's generators.

Starts rust-analyzer on this crate (`src/lib.rs`: ten generators `gNN` and
their plain twins `pNN`), speaks LSP over stdio, runs the same checks at the
marked tokens of each function and its twin, and prints a markdown table,
also written to RESULTS.md. Python 3.11, standard library only.

    python3 benches/ide-probe/probe.py

Environment: RA (the rust-analyzer binary, default /work/ra/bin/rust-analyzer),
RA_PROC_MACRO_SRV (a proc-macro server, if rust-analyzer does not find the
toolchain's), SKIP_STATS=1 (no `analysis-stats` run), VERBOSE=1 (each check's
detail as it runs), RA_LOG (rust-analyzer's log file, default
target/ra-probe.log).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src" / "lib.rs"
DEFAULT_RA = "/work/ra/bin/rust-analyzer"
RA = os.environ.get("RA", DEFAULT_RA)
VERBOSE = os.environ.get("VERBOSE") == "1"
CONTENT_MODIFIED = -32801
REPEAT = 5  # timed completions per function on valid code

# rust-analyzer's settings (answered to `workspace/configuration` too).
CONFIG: dict = {
    "checkOnSave": False,  # no `cargo check` behind our back: native diagnostics only
    "cachePriming": {"enable": True},
    "procMacro": {"enable": True, "attributes": {"enable": True}},
    "cargo": {"buildScripts": {"enable": True}},
    "diagnostics": {"enable": True},
    "inlayHints": {
        "typeHints": {"enable": True},
        # Chaining hints are type hints too (kind 1): off, so that kind 1
        # counts the hints of bindings only.
        "chainingHints": {"enable": False},
        "parameterHints": {"enable": False},
        "closingBraceHints": {"enable": False},
    },
}
if os.environ.get("RA_PROC_MACRO_SRV"):
    CONFIG["procMacro"]["server"] = os.environ["RA_PROC_MACRO_SRV"]


class LspError(Exception):
    def __init__(self, error: dict):
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.code = error.get("code")


class Lsp:
    """A minimal LSP client: Content-Length framing, requests by id."""

    def __init__(self, cmd: list[str], cwd: Path, log):
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log
        )
        self.next_id = 1
        self.pending: dict[int, list] = {}
        self.write_lock = threading.Lock()
        self.status: dict = {}
        self.status_seen = 0
        self.cv = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        with self.write_lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    with self.cv:
                        for slot in self.pending.values():
                            slot[1] = {"error": {"code": -1, "message": "server exited"}}
                            slot[0].set()
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.partition(b":")
                headers[key.strip().lower()] = value.strip()
            msg = json.loads(out.read(int(headers[b"content-length"])))
            if "method" not in msg:
                with self.cv:
                    slot = self.pending.pop(msg.get("id"), None)
                if slot:
                    slot[1] = msg
                    slot[0].set()
            elif "id" in msg:
                self._answer(msg)
            elif msg["method"] == "experimental/serverStatus":
                with self.cv:
                    self.status = msg["params"]
                    self.status_seen += 1
                    self.cv.notify_all()

    def _answer(self, msg: dict) -> None:
        result = None
        if msg["method"] == "workspace/configuration":
            result = [CONFIG for _ in msg["params"]["items"]]
        self._send({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def request(self, method: str, params: dict, timeout: float = 300):
        for attempt in range(5):
            with self.cv:
                rid = self.next_id
                self.next_id += 1
                slot = [threading.Event(), None]
                self.pending[rid] = slot
            self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
            if not slot[0].wait(timeout):
                raise TimeoutError(f"{method}: no answer in {timeout} s")
            msg = slot[1]
            if "error" in msg:
                if msg["error"].get("code") == CONTENT_MODIFIED and attempt < 4:
                    time.sleep(0.2)
                    continue
                raise LspError(msg["error"])
            return msg.get("result")

    def ask(self, method: str, params: dict):
        """A request whose error (e.g. "No references found") counts as no answer."""
        try:
            return self.request(method, params)
        except LspError as e:
            if VERBOSE:
                print(f"  ({method}: {e})", flush=True)
            return None

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_quiescent(self, timeout: float) -> bool:
        end = time.monotonic() + timeout
        with self.cv:
            while not (self.status_seen and self.status.get("quiescent")):
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self.cv.wait(left)
        return True


# --- text, positions, markers -------------------------------------------------

BLOCK_MARK = re.compile(r"/\*@(\w+):([gpc]\d\d)\*/")
LINE_MARK = re.compile(r"//@(\w+):([gpc]\d\d)")
LET = re.compile(r"\blet\s+(?:mut\s+)?(?:/\*@\w+:\w+\*/\s*)?([a-z_]\w*)\s*=")


def pos(text: str, off: int) -> dict:
    line = text.count("\n", 0, off)
    return {"line": line, "character": off - (text.rfind("\n", 0, off) + 1)}


def key(p: dict) -> tuple[int, int]:
    return (p["line"], p["character"])


def markers(text: str) -> dict[tuple[str, str], int]:
    """(kind, id) -> the offset a marker points at: the token after a block
    marker, the start of a line marker."""
    found = {}
    for m in BLOCK_MARK.finditer(text):
        # The next token: rustfmt may put a space or a line break after it.
        end = m.end()
        while text[end] in " \t\n":
            end += 1
        found[(m.group(1), m.group(2))] = end
    for m in LINE_MARK.finditer(text):
        found[(m.group(1), m.group(2))] = m.start()
    return found


# What hover on `msg` must show: the user's binding and type (not the
# expansion's `&mut String` or `DropFlag<String>`).
HOVER_OK = re.compile(r"\bmsg: String\b")


def diff(got, want) -> str:
    """The lines (1-based) of what is missing from and extra in `got`."""
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    out = ""
    if missing:
        out += f"; missing on lines {[k[0] + 1 for k in missing]}"
    if extra:
        out += f"; extra on lines {[k[0] + 1 for k in extra]}"
    return out


def insert_at(text: str, off: int, s: str) -> str:
    return text[:off] + s + text[off:]


class Doc:
    def __init__(self, lsp: Lsp, path: Path):
        self.lsp = lsp
        self.uri = path.as_uri()
        self.original = path.read_text()
        self.text = self.original
        self.version = 1
        lsp.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": self.uri, "languageId": "rust", "version": 1, "text": self.text}},
        )

    def change(self, text: str) -> None:
        self.version += 1
        self.text = text
        self.lsp.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": self.uri, "version": self.version}, "contentChanges": [{"text": text}]},
        )

    def revert(self) -> None:
        self.change(self.original)

    def at(self, off: int) -> dict:
        return {"textDocument": {"uri": self.uri}, "position": pos(self.text, off)}


# --- what the answers say ------------------------------------------------------


def hover_text(result) -> str:
    if not result:
        return ""
    contents = result.get("contents")
    if isinstance(contents, dict):
        return contents.get("value", "")
    if isinstance(contents, list):
        return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
    return contents or ""


def completion_names(result) -> list[str]:
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    names = []
    for item in items:
        m = re.match(r"[A-Za-z_]\w*", item.get("filterText") or item.get("label", ""))
        names.append(m.group(0) if m else item.get("label", ""))
    return names


def locations(result) -> list[tuple[str, dict]]:
    if not result:
        return []
    if isinstance(result, dict):
        result = [result]
    out = []
    for loc in result:
        if "targetUri" in loc:
            out.append((loc["targetUri"], loc["targetSelectionRange"]))
        else:
            out.append((loc["uri"], loc["range"]))
    return out


def edits_for(edit: dict | None, uri: str) -> list[dict]:
    if not edit:
        return []
    if "changes" in edit:
        return edit["changes"].get(uri, [])
    out = []
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == uri:
            out.extend(change.get("edits", []))
    return out


# --- the probe -----------------------------------------------------------------

CHECKS = [
    ("hover", "new", "hover on `msg` three lines after a `yield_!` shows `msg: String`"),
    ("completion", "(2)", "completion at `msg.|len()` (valid code) offers `len` and `push_str`"),
    ("completion_typed", "(2)", "`msg.` typed on a new line before a `let`: completion offers `len`, `push_str`"),
    ("completion_paren", "(2)", "`msg.` typed on the line before one starting with `(`: same"),
    ("definition", "(4)", "go-to-definition of `msg` after a `yield_!`: exactly one target, at its `let`"),
    ("references", "new", "references of `msg`: exactly its occurrences in the function"),
    ("rename", "new", "prepareRename + rename of `msg`: edits exactly its occurrences"),
    ("inlay_hints", "(5)", "a type hint on every `let x = ..` binding of the function"),
    ("diagnostics", "-", "pull diagnostics on valid code: no error in the function"),
    ("half_hover", "(1)", "`let x = ;` typed in the body: hover on `msg` still shows `msg: String`"),
    ("half_completion", "(1)", "`let x = ;` typed in the body: completion at `msg.|len()` still works"),
    ("half_diagnostics", "(3)", "`let x = ;` typed in the body: errors reported on that line only"),
    ("call_hover", "(7)", "hover on a call of the function: its signature, without `__baozi` names"),
    ("unknown_types", "(6)", "`analysis-stats`: no expression or pattern of unknown type in the body"),
]


class Probe:
    def __init__(self, lsp: Lsp, doc: Doc):
        self.lsp = lsp
        self.doc = doc
        self.results: dict[str, dict[str, list]] = {c[0]: {"gen": [], "plain": [], "control": []} for c in CHECKS}
        self.latency: dict[str, dict[str, list[float]]] = {
            "valid": {"gen": [], "plain": [], "control": []},
            "edited": {"gen": [], "plain": [], "control": []},
        }
        text = doc.original
        marks = markers(text)
        self.ids = sorted({i for (k, i) in marks if k == "begin"})
        self.names = {}
        for i in self.ids:
            m = re.search(r"\bfn\s+(\w+)", text[marks[("begin", i)] :])
            self.names[i] = m.group(1)

    @staticmethod
    def kind(i: str) -> str:
        return {"g": "gen", "p": "plain", "c": "control"}[i[0]]

    def record(self, check: str, i: str, passed: bool, detail: str) -> None:
        self.results[check][self.kind(i)].append((i, passed, detail))
        if VERBOSE:
            print(f"  {check:17} {i} {self.names[i]:20} {'ok  ' if passed else 'FAIL'} {detail}", flush=True)

    def span(self, text: str, i: str) -> tuple[int, int]:
        m = markers(text)
        return m[("begin", i)], m[("end", i)]

    def occurrences(self, text: str, i: str) -> set[tuple[int, int]]:
        a, b = self.span(text, i)
        return {key(pos(text, a + m.start())) for m in re.finditer(r"\bmsg\b", text[a:b])}

    def complete(self, i: str, off: int, group: str) -> tuple[bool, str]:
        t0 = time.perf_counter()
        result = self.lsp.request("textDocument/completion", self.doc.at(off))
        self.latency[group][self.kind(i)].append(time.perf_counter() - t0)
        names = completion_names(result)
        ok = "len" in names and "push_str" in names
        return ok, f"{len(names)} items" + ("" if ok else f", len/push_str missing: {names[:8]}")

    # Checks on the file as written.
    def valid(self, i: str) -> None:
        text = self.doc.text
        m = markers(text)
        # Inside the identifier: at its first character, right after the
        # marker comment, `references` takes the comment's token.
        use = m[("use", i)] + 1

        hover = hover_text(self.lsp.ask("textDocument/hover", self.doc.at(use)))
        self.record("hover", i, bool(HOVER_OK.search(hover)), repr(hover[:80]))

        member = m[("member", i)] + len("msg.")
        self.complete(i, member, "valid")  # warm-up, not timed into the table
        self.latency["valid"][self.kind(i)].pop()
        for _ in range(REPEAT):
            ok, detail = self.complete(i, member, "valid")
        self.record("completion", i, ok, detail)

        let = key(pos(text, m[("let", i)]))
        targets = locations(self.lsp.ask("textDocument/definition", self.doc.at(use)))
        ok = len(targets) == 1 and targets[0][0] == self.doc.uri and key(targets[0][1]["start"]) == let
        shown = [f"{u.rsplit('/', 1)[-1]}:{t['start']['line'] + 1}" for u, t in targets]
        self.record("definition", i, ok, f"{len(targets)} targets {shown}, the let on line {let[0] + 1}")

        want = self.occurrences(text, i)
        params = self.doc.at(use) | {"context": {"includeDeclaration": True}}
        refs = locations(self.lsp.ask("textDocument/references", params))
        got = [key(r["start"]) for u, r in refs if u == self.doc.uri]
        ok = sorted(got) == sorted(want) and len(refs) == len(got)
        self.record("references", i, ok, f"{len(got)} refs for {len(want)} occurrences" + diff(got, want))

        prep = self.lsp.ask("textDocument/prepareRename", self.doc.at(use))
        edit = self.lsp.ask("textDocument/rename", self.doc.at(use) | {"newName": "msg_renamed"}) if prep else None
        edits = edits_for(edit, self.doc.uri)
        starts = [key(e["range"]["start"]) for e in edits]
        ok = bool(prep) and sorted(starts) == sorted(want) and all(e["newText"] == "msg_renamed" for e in edits)
        self.record(
            "rename", i, ok, f"prepare {'ok' if prep else 'null'}, {len(edits)} edits for {len(want)}" + diff(starts, want)
        )

        a, b = self.span(text, i)
        rng = {"start": pos(text, a), "end": pos(text, b)}
        hints = self.lsp.ask("textDocument/inlayHint", {"textDocument": {"uri": self.doc.uri}, "range": rng})
        type_hints = {key(h["position"]) for h in hints or [] if h.get("kind") == 1}
        expected = {key(pos(text, a + mm.end(1))): mm.group(1) for mm in LET.finditer(text[a:b])}
        missing = [f"{expected[k]} (line {k[0] + 1})" for k in sorted(expected) if k not in type_hints]
        detail = f"{len(type_hints)} type hints, {len(expected) - len(missing)}/{len(expected)} lets hinted"
        self.record("inlay_hints", i, not missing, detail + (f"; none on {', '.join(missing)}" if missing else ""))

        if ("call", i) in m:
            call = hover_text(self.lsp.ask("textDocument/hover", self.doc.at(m[("call", i)] + 1)))
            sig = next((ln for ln in call.splitlines() if re.search(r"\bfn\b", ln)), call[:100])
            ok = self.names[i] in call and "__baozi" not in call
            self.record("call_hover", i, ok, repr(sig[:160]))

    def diagnostics(self) -> list[dict]:
        result = self.lsp.request("textDocument/diagnostic", {"textDocument": {"uri": self.doc.uri}})
        return result.get("items", []) if result else []

    def valid_diagnostics(self) -> None:
        errors = [d for d in self.diagnostics() if d.get("severity", 1) == 1]
        for i in self.ids:
            a, b = self.span(self.doc.text, i)
            la, lb = pos(self.doc.text, a)["line"], pos(self.doc.text, b)["line"]
            mine = [d for d in errors if la <= d["range"]["start"]["line"] <= lb]
            detail = "; ".join(f"l{d['range']['start']['line'] + 1}: {d['message'][:60]}" for d in mine)
            self.record("diagnostics", i, not mine, detail or "no errors")

    # Checks on a half-typed body.
    def typed(self, i: str, mark: str, check: str) -> None:
        off = markers(self.doc.original)[(mark, i)]
        self.doc.change(insert_at(self.doc.original, off, "msg."))
        ok, detail = self.complete(i, off + len("msg."), "edited")
        self.record(check, i, ok, detail)
        self.doc.revert()

    def half(self, i: str) -> None:
        off = markers(self.doc.original)[("half", i)]
        self.doc.change(insert_at(self.doc.original, off, "let x = ;"))
        text = self.doc.text
        m = markers(text)
        edit_line = pos(text, off)["line"]

        hover = hover_text(self.lsp.ask("textDocument/hover", self.doc.at(m[("use", i)] + 1)))
        self.record("half_hover", i, bool(HOVER_OK.search(hover)), repr(hover[:80]))

        ok, detail = self.complete(i, m[("member", i)] + len("msg."), "edited")
        self.record("half_completion", i, ok, detail)

        errors = [d for d in self.diagnostics() if d.get("severity", 1) == 1]
        lines = sorted({(d["range"]["start"]["line"], d["range"]["end"]["line"]) for d in errors})
        ok = bool(errors) and all(s == e == edit_line for s, e in lines)
        shown = ", ".join(f"{s + 1}" + (f"-{e + 1}" if e != s else "") for s, e in lines)
        stray = sorted({d["message"].splitlines()[0][:70] for d in errors if d["range"]["start"]["line"] != edit_line})
        detail = f"edit on line {edit_line + 1}; {len(errors)} errors on lines {shown}"
        self.record("half_diagnostics", i, ok, detail + (f"; elsewhere: {stray}" if stray else ""))
        self.doc.revert()

    def run(self) -> None:
        for i in self.ids:
            self.valid(i)
        self.valid_diagnostics()
        for i in self.ids:
            if self.kind(i) == "control":
                continue
            self.typed(i, "typed", "completion_typed")
            self.typed(i, "paren", "completion_paren")
            self.half(i)

    def analysis_stats(self) -> dict[str, tuple[int, int, int, int]]:
        """Per function: (exprs, unknown exprs, partly unknown exprs, unknown pats)."""
        cmd = [RA, "-v", "-v", "analysis-stats", "."]
        if os.environ.get("RA_PROC_MACRO_SRV"):
            cmd += ["--proc-macro-srv", os.environ["RA_PROC_MACRO_SRV"]]
        out = subprocess.run(
            cmd, cwd=HERE, capture_output=True, text=True, timeout=1800
        ).stdout
        stats: dict[str, list[int]] = {}
        for m in re.finditer(r"^In ide_probe::(\w+): (\d+) (exprs|pats), (\d+) unknown, (\d+) partial", out, re.M):
            s = stats.setdefault(m.group(1), [0, 0, 0, 0])
            if m.group(3) == "exprs":
                s[0], s[1], s[2] = int(m.group(2)), int(m.group(4)), int(m.group(5))
            else:
                s[3] = int(m.group(4))
        found = {}
        for i in self.ids:
            s = stats.get(self.names[i]) if self.kind(i) != "control" else None
            if s is None:
                continue
            found[i] = tuple(s)
            self.record("unknown_types", i, s[1] == 0 and s[3] == 0, f"{s[0]} exprs, {s[1]} unknown, {s[2]} partial")
        return found


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:.1f}" if xs else "-"


def report(probe: Probe, stats: dict, meta: str) -> str:
    out = ["# IDE probe results", "", meta, ""]
    out.append("| check | issue point | generator | plain | failing generators |")
    out.append("|---|---|--:|--:|---|")
    for check, point, _ in CHECKS:
        r = probe.results[check]
        if not r["gen"] and not r["plain"]:
            continue
        cell = {k: f"{sum(p for _, p, _ in v)}/{len(v)}" for k, v in r.items() if k != "control"}
        failing = ", ".join(f"{i} {probe.names[i]}" for i, p, _ in r["gen"] if not p)
        bad_plain = [f"{i} {probe.names[i]}" for i, p, _ in r["plain"] if not p]
        if bad_plain:
            failing += ("; " if failing else "") + "PLAIN: " + ", ".join(bad_plain)
        out.append(f"| `{check}` | {point} | {cell['gen']} | {cell['plain']} | {failing} |")
    for i, passed, detail in probe.results["inlay_hints"]["control"]:
        out += ["", f"Control ({i} `{probe.names[i]}`, a plain body inside a `macro_rules!` call): inlay hints {detail}."]
    out += ["", "Checks (the issue's points; new: not among them):", ""]
    out += [f"- `{c}` {p}: {d}" for c, p, d in CHECKS]
    out += ["", "## Completion latency (ms)", ""]
    out.append("| requests | generator median | generator max | plain median | plain max | median ratio |")
    out.append("|---|--:|--:|--:|--:|--:|")
    for group, label in [
        ("valid", f"valid code ({REPEAT} per function, after a warm-up)"),
        ("edited", "first after an edit (typed `msg.`, half-typed body)"),
    ]:
        g, p = probe.latency[group]["gen"], probe.latency[group]["plain"]
        ratio = f"{statistics.median(g) / statistics.median(p):.2f}x" if g and p else "-"
        mx = lambda xs: f"{max(xs) * 1000:.1f}" if xs else "-"
        out.append(f"| {label} | {ms(g)} | {mx(g)} | {ms(p)} | {mx(p)} | {ratio} |")
    if stats:
        out += ["", "## `rust-analyzer analysis-stats` per function", ""]
        out.append("| function | exprs | unknown | partly unknown | unknown pats |")
        out.append("|---|--:|--:|--:|--:|")
        for i in probe.ids:
            if i in stats:
                out.append(f"| {i} `{probe.names[i]}` | " + " | ".join(map(str, stats[i])) + " |")
    out += ["", "## Failures", ""]
    for check, _, _ in CHECKS:
        for kind in ("gen", "plain"):
            for i, passed, detail in probe.results[check][kind]:
                if not passed:
                    out.append(f"- `{check}` {i} `{probe.names[i]}`: {detail}")
    return "\n".join(out) + "\n"


def main() -> int:
    log_path = Path(os.environ.get("RA_LOG", HERE / "target" / "ra-probe.log"))
    log_path.parent.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([RA, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; log: {log_path}", flush=True)
    with open(log_path, "w") as log:
        lsp = Lsp([RA], HERE, log)
        try:
            return run(lsp, version)
        finally:
            try:
                lsp.request("shutdown", None, timeout=10)
                lsp.notify("exit", {})
                lsp.proc.wait(timeout=10)
            except Exception:
                lsp.proc.kill()


def run(lsp: Lsp, version: str) -> int:
    t0 = time.monotonic()
    caps = {
        "textDocument": {
            "synchronization": {"dynamicRegistration": False},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "completion": {"completionItem": {"snippetSupport": False}},
            "definition": {"linkSupport": False},
            "references": {},
            "rename": {"prepareSupport": True},
            "inlayHint": {},
            "diagnostic": {"dynamicRegistration": False, "relatedDocumentSupport": False},
            "publishDiagnostics": {},
        },
        "workspace": {"configuration": True, "workspaceEdit": {"documentChanges": True}},
        "window": {"workDoneProgress": True},
        "experimental": {"serverStatusNotification": True},
        "general": {"positionEncodings": ["utf-16"]},
    }
    init = lsp.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": HERE.as_uri(),
            "workspaceFolders": [{"uri": HERE.as_uri(), "name": "ide-probe"}],
            "capabilities": caps,
            "initializationOptions": CONFIG,
        },
    )
    server_caps = init["capabilities"]
    for cap in ("diagnosticProvider", "inlayHintProvider", "completionProvider", "renameProvider"):
        if not server_caps.get(cap):
            print(f"warning: the server does not announce {cap}", file=sys.stderr)
    lsp.notify("initialized", {})
    doc = Doc(lsp, SRC)
    if not lsp.wait_quiescent(900):
        print("error: rust-analyzer did not become quiescent in 900 s", file=sys.stderr)
        return 2
    probe = Probe(lsp, doc)

    # The generators must really be expanded, else every check would measure
    # rust-analyzer on the unexpanded body.
    m = markers(doc.text)
    attr = doc.text.index("generator", m[("begin", "g01")])
    expansion = None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        expansion = lsp.request("rust-analyzer/expandMacro", doc.at(attr))
        if expansion and "StateOf_" in expansion.get("expansion", ""):
            break
        time.sleep(2)
    else:
        print(f"error: #[generator] is not expanded (proc-macro server?): {expansion}", file=sys.stderr)
        return 2
    # Warm up: wait until the first generator's body is analysed.
    while time.monotonic() < deadline:
        if "String" in hover_text(lsp.request("textDocument/hover", doc.at(m[("use", "p01")]))):
            break
        time.sleep(1)
    ready = time.monotonic() - t0
    print(f"ready after {ready:.0f} s (workspace loaded, proc-macros expanded)", flush=True)

    probe.run()
    stats = {}
    if os.environ.get("SKIP_STATS") != "1":
        print("running analysis-stats ...", flush=True)
        stats = probe.analysis_stats()
    meta = (
        f"`{version}`{' (the 0.0.349 build)' if RA == DEFAULT_RA else ''}, {sum(i[0] == 'g' for i in probe.ids)} generators (8 `#[generator]`, "
        f"2 `generator_block!`) and their plain twins, `python3 benches/ide-probe/probe.py`; "
        f"server ready after {ready:.0f} s, probe took {time.monotonic() - t0:.0f} s."
    )
    text = report(probe, stats, meta)
    print(text)
    (HERE / "RESULTS.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
