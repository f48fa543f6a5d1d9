"""`make bench`: build synthetic corpora of 100, 500 and 1,000 resolutions and print figures.

    .venv/bin/python bench/run.py [--sizes 100,500,1000] [--pdfs] [--keep] [--profile]

For each size: seconds per stage, pages, peak memory, site size, the bytes of a first search
in headless Chromium. Then, on the largest corpus: a rebuild with nothing changed, one new text
added and rebuilt (site and PDFs), and a build from an empty cache compared with the
incremental site. PDFs are made for the smallest corpus (and its one-text increment); with
``--pdfs`` (which `make bench` passes) for the largest one too, cold (about four minutes at
1,000), and a second text is then added with ``resodocs build --pdf`` (site and PDFs in one
command, side by side). The targets of issue 6 are checked at the end. Figures go to stdout and
to ``bench/out/results.json``; the work folder ``bench/out/work`` is removed at the end unless
``--keep``.

Every build runs as its own process (``bench/runner.py``, which calls `generator.cli.main`), so
its memory is its own; see runner.py for what is timed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(BENCH), str(REPO)]

import browser
import synth

PY = sys.executable
OUT = BENCH / "out"
MB = 1024 * 1024
GB = 1024 * MB

TARGETS = {
    "full_site_1000_s": 60.0,
    "ratio_1000_500": 2.1,
    "generator_share": 0.10,
    "add_one_s": 10.0,
    "first_search_bytes": 500 * 1000,
    "peak_memory_bytes": 1 * GB,
    "pdfs_1000_s": 150.0,
}


# -- the machine --------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    """Cores, CPU model, RAM, Python, and the versions of the tools that do the work."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        ram = int(m.group(1)) * 1024 if m else 0
    except OSError:
        pass
    from importlib.metadata import version
    tools = {}
    for name in ("mkdocs", "mkdocs-material", "Markdown", "pagefind", "weasyprint", "playwright"):
        try:
            tools[name] = version(name)
        except Exception:  # noqa: BLE001
            tools[name] = "?"
    return {"cores": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)), "cpu": model,
            "ram_bytes": ram, "python": platform.python_version(), "platform": platform.platform(),
            "tools": tools}


# -- running a build ----------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc)."""
    parent: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parent.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += parent.get(p, [])
    return out


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    m = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(m.group(1)) * 1024 if m else 0


class TreeMemory:
    """Samples the summed PSS of a process and its descendants (every 0.2 s) and keeps the
    peak: the memory the whole build needs at once (pool workers and Pagefind included)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.peak_procs = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            procs = _children(self.pid)
            total = sum(_pss(p) for p in procs)
            if total > self.peak:
                self.peak, self.peak_procs = total, len(procs)
            self._stop.wait(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_cli(tag: str, args: list[str], work: Path, timeout: float,
            profile: Path | None = None) -> dict[str, Any]:
    """Run ``resodocs <args>`` through bench/runner.py in its own process; its figures."""
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    out = logs / f"{tag}.json"
    cmd = [PY, str(BENCH / "runner.py"), str(out)]
    if profile:
        cmd += ["--profile", str(profile)]
    cmd += ["--", *args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    with (logs / f"{tag}.stdout").open("wb") as so, (logs / f"{tag}.stderr").open("wb") as se:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=so, stderr=se, env=env)
        mem = TreeMemory(proc.pid)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"{tag}: timed out after {timeout:.0f}s") from None
        finally:
            mem.stop()
        wall = time.perf_counter() - t0
    err = (logs / f"{tag}.stderr").read_text(errors="replace")
    if proc.returncode != 0 or not out.exists():
        tail = "\n".join([*(logs / f"{tag}.stdout").read_text(errors="replace").splitlines()[-15:],
                          *err.splitlines()[-15:]])
        raise RuntimeError(f"{tag}: `resodocs {' '.join(args[:1])}` failed "
                           f"(exit {proc.returncode}):\n{tail}")
    res: dict[str, Any] = json.loads(out.read_text())
    res["process_wall"] = wall
    res["tree_pss_peak"] = mem.peak
    res["tree_procs_at_peak"] = mem.peak_procs
    res["peak_rss"] = max(res["maxrss_self"], res["maxrss_children"])
    res["warnings"] = len(re.findall(r": warning\[", err))
    res["stdout_last"] = (logs / f"{tag}.stdout").read_text(errors="replace").strip()[-600:]
    return res


def build(tag: str, content: Path, site: Path, cache: Path, url: str, config: Path,
          work: Path, profile: Path | None = None, pdfs: bool = False) -> dict[str, Any]:
    return run_cli(tag, ["build", "--content", str(content), "--site", str(site), "--cache",
                         str(cache), "--site-url", url, "--config", str(config)]
                   + (["--pdf"] if pdfs else []), work, 4 * 3600, profile)


def pdf(tag: str, content: Path, site: Path, cache: Path, work: Path) -> dict[str, Any]:
    return run_cli(tag, ["pdf", "--content", str(content), "--site", str(site), "--cache",
                         str(cache)], work, 4 * 3600)


# -- the built site -----------------------------------------------------------------------------

def site_size(site: Path) -> dict[str, Any]:
    """Bytes and files of the site, in total and by kind."""
    kinds: dict[str, list[int]] = {}
    total = files = 0
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        n = p.stat().st_size
        rel = p.relative_to(site).as_posix()
        top = rel.split("/", 1)[0]
        kind = ("pdf" if top == "pdf" else "search index" if top.startswith("pagefind")
                else "theme assets" if top == "assets" else
                "html" if rel.endswith(".html") else "other")
        k = kinds.setdefault(kind, [0, 0])
        k[0] += n
        k[1] += 1
        total += n
        files += 1
    return {"bytes": total, "files": files,
            "by_kind": {k: {"bytes": v[0], "files": v[1]} for k, v in sorted(kinds.items())}}


def snapshot(site: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> sha256 of every file (sitemaps aside: they carry build dates)."""
    out = {}
    for p in sorted(site.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(site).as_posix()
        if rel.startswith("sitemap.xml") or rel.startswith(skip):
            continue
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def compare(a: dict[str, str], b: dict[str, str]) -> dict[str, Any]:
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    differ = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return {"same": not (only_a or only_b or differ), "files": len(a),
            "only_first": only_a[:10], "only_second": only_b[:10], "differ": differ[:10],
            "counts": [len(only_a), len(only_b), len(differ)]}


def bench_config(work: Path) -> tuple[Path, str | None]:
    """The project's mkdocs.yml, or, when its `not_in_nav` misses the split verb pages
    (``verbs/<part>/<verb>/<group>.md``, written once a verb quotes more than 200 paragraphs,
    which every corpus here reaches), a copy that adds them, with a note saying so."""
    import pathspec
    import yaml

    config = REPO / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.SafeLoader)
    lines = str(data.get("not_in_nav") or "").splitlines()
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    if spec.match_file("verbs/operative/decides/s080.md"):
        return config, None
    fixed = re.sub(r"(?m)^(not_in_nav: \|\n)", r"\1  /verbs/*/*/*.md\n", text, count=1)
    if fixed == text:
        raise RuntimeError("mkdocs.yml: not_in_nav misses verbs/*/*/*.md and the bench cannot "
                           "add it")
    work.mkdir(parents=True, exist_ok=True)
    out = work / "mkdocs.yml"
    out.write_text(fixed, encoding="utf-8")
    return out, ("mkdocs.yml's not_in_nav does not cover the split verb pages "
                 "(verbs/<part>/<verb>/<group>.md, written when a verb quotes more than 200 "
                 "paragraphs): MkDocs (strict) stops every build here. The bench builds with a "
                 f"copy that adds `/verbs/*/*/*.md` ({out.relative_to(REPO)}).")


def checkout_digest() -> str:
    """Hash of what a build depends on in the checkout (code, templates, pages, mkdocs.yml):
    others may edit it while the bench runs, which makes a rebuild differ for a good reason."""
    h = hashlib.sha256()
    files = [REPO / "mkdocs.yml"]
    for folder in ("generator", "templates", "content/pages"):
        files += sorted(p for p in (REPO / folder).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    for p in files:
        if p.is_file():
            h.update(p.relative_to(REPO).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- figures ------------------------------------------------------------------------------------

def stage_figures(r: dict[str, Any]) -> dict[str, float]:
    """Seconds per stage of one build: the pipeline's own stages, split where runner.py timed
    the parts."""
    st = r["report"]["stages"]
    t = r["timings"]
    pagefind = max((v for k, v in t.items() if k.startswith("pagefind ")), default=0.0)
    return {
        "read+parse": t.get("read+parse", 0.0),
        "corpus": t.get("corpus", 0.0),
        "annotations": st.get("annotations", 0.0),
        "pages": st.get("pages", 0.0),
        "search pages": t.get("search pages", 0.0),
        "mkdocs": t.get("mkdocs itself", 0.0),
        "pagefind (beside mkdocs)": pagefind,
        "search wait after mkdocs": st.get("search (after mkdocs)", 0.0),
        "publish": st.get("publish", 0.0),
        "stages total": sum(st.values()),
        "process wall": r["process_wall"],
    }


def generator_seconds(r: dict[str, Any]) -> float:
    s = stage_figures(r)
    return s["read+parse"] + s["corpus"] + s["pages"] + s["annotations"]


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def say(*parts: object) -> None:
    print(*parts, flush=True)


def table(rows: list[list[Any]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]

    def line(cells: list[Any]) -> str:
        return "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=False)))
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


# -- the run ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--sizes", default="100,500,1000", help="corpus sizes (default 100,500,1000)")
    ap.add_argument("--pdfs", action="store_true",
                    help="also make every PDF of the largest corpus, cold (many minutes)")
    ap.add_argument("--keep", action="store_true", help="keep bench/out/work (corpora, sites)")
    ap.add_argument("--profile", action="store_true",
                    help="also profile a cold build of the largest corpus with cProfile")
    ap.add_argument("--query", default="Galaxy", help="the first search (default Galaxy)")
    ap.add_argument("--from-json", type=Path, metavar="RESULTS",
                    help="only print the tables and targets of a saved results.json")
    args = ap.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        saved["runs"] = {int(k): v for k, v in saved["runs"].items()}
        ss = saved["sizes"]
        report(saved, ss, ss[0], ss[-1], saved["pdfs_full"])
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    largest, smallest = sizes[-1], sizes[0]
    work = OUT / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    results: dict[str, Any] = {"machine": machine(), "sizes": sizes, "pdfs_full": args.pdfs,
                               "notes": [], "runs": {}, "checks": {}, "targets": {}}
    m = results["machine"]
    say(f"machine: {m['cores']} cores ({m['affinity']} usable), {m['cpu']}, "
        f"{m['ram_bytes'] / GB:.1f} GiB RAM, Python {m['python']}, {m['platform']}")
    say("tools: " + ", ".join(f"{k} {v}" for k, v in m["tools"].items()))

    config, note = bench_config(work)
    if note:
        results["notes"].append(note)
        say(f"NOTE: {note}")

    # 1. the corpus
    t = time.perf_counter()
    material = synth.gather()
    specs = synth.plan(largest, extra=2)
    # specs[-2]: added with `build` then `pdf`; specs[-1]: added with `build --pdf`
    texts = synth.write_texts(material, specs)
    pool = work / "texts"
    pool.mkdir()
    for name, text in texts.items():
        (pool / name).write_text(text, encoding="utf-8")
    checked = synth.check(pool, specs)
    corpus_hash = hashlib.sha256("".join(f"{k}\0{v}" for k, v in sorted(texts.items()))
                                 .encode()).hexdigest()[:16]
    say(f"\ncorpus: {len(specs)} synthetic texts from {len(material.sources)} real ones, "
        f"checked with generator.load.load (no errors) in {time.perf_counter() - t:.1f}s; "
        f"sha256 {corpus_hash}")
    corpus_rows = []
    results["corpus"] = {"sha256": corpus_hash, "sources": material.sources, "sizes": {}}
    for n in sizes:
        part = checked[:n]
        docs = {c for r in part for c in r.citations}
        stats = {
            "texts": n, "ga": sum(1 for s in specs[:n] if s.kind == "ga"),
            "sc": sum(1 for s in specs[:n] if s.kind == "sc"),
            "md_format": sum(1 for s in specs[:n] if s.fmt == "md"),
            "bytes": sum(len(texts[s.file].encode()) for s in specs[:n]),
            "paragraphs": sum(r.paragraphs for r in part),
            "footnotes": sum(r.footnotes for r in part),
            "cited_documents": len(docs), "verbs": len({v for r in part for v in r.verbs}),
            "warnings": sum(len(r.warnings) for r in part)}
        results["corpus"]["sizes"][n] = stats
        corpus_rows.append([n, f"{stats['ga']}/{stats['sc']}", stats["md_format"],
                            fmt_bytes(stats["bytes"]), stats["paragraphs"], stats["footnotes"],
                            stats["cited_documents"], stats["verbs"], stats["warnings"]])
    say(table(corpus_rows, ["texts", "GA/SC", "md format", "text", "paragraphs", "footnotes",
                            "cited docs", "verbs", "parse warnings"]))

    def content_for(n: int, extra: bool = False) -> Path:
        c = work / f"c{n}"
        res = c / "resolutions"
        res.mkdir(parents=True, exist_ok=True)
        for s in specs[:n] + (specs[-1:] if extra else []):
            shutil.copy2(pool / s.file, res / s.file)
        return c

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    results["site_url"] = url
    runs = results["runs"]

    # 2. every size, cold
    for n in sizes:
        say(f"\n== {n} resolutions")
        content, site, cache = content_for(n), work / f"site{n}", work / f"cache{n}"
        r = build(f"build-{n}", content, site, cache, url, config, work)
        rep = r["report"]
        say(f"build: {r['process_wall']:.1f}s wall, {rep['pages']} pages "
            f"({rep['pages_written']} written), peak RSS {fmt_bytes(r['peak_rss'])}, "
            f"tree PSS {fmt_bytes(r['tree_pss_peak'])}, {r['warnings']} warnings")
        size = site_size(site)
        say(f"site: {fmt_bytes(size['bytes'])} in {size['files']} files")
        fs = browser.first_search(site, port, args.query)
        fsd = asdict(fs)
        search_bytes, total_bytes = fs.search_bytes, fs.total_bytes
        say(f"first search '{args.query}': {fs.message} ({fs.results} shown) after "
            f"{fs.seconds_to_results:.1f}s; search {fmt_bytes(search_bytes)}, page load and "
            f"search {fmt_bytes(total_bytes)} in {len(fs.requests)} requests"
            + (f"; errors: {fs.errors[:3]}" if fs.errors else ""))
        runs[n] = {"build": r, "site": size, "first_search": fsd}

    # 3. PDFs of the smallest corpus, cold, and its one-text increment
    n = smallest
    say(f"\n== PDFs, {n} resolutions")
    content, site, cache = work / f"c{n}", work / f"site{n}", work / f"cache{n}"
    runs[n]["pdf"] = p = pdf(f"pdf-{n}", content, site, cache, work)
    say(_pdf_line("cold", p))
    if not args.pdfs or largest == smallest:
        shutil.copy2(pool / specs[-1].file, content / "resolutions" / specs[-1].file)
        runs[n]["add_one"] = {
            "build": build(f"build-{n}-add", content, site, cache, url, config, work),
            "pdf": pdf(f"pdf-{n}-add", content, site, cache, work)}
        a = runs[n]["add_one"]
        say(f"one text added ({specs[-1].symbol}): site {a['build']['process_wall']:.1f}s, "
            + _pdf_line("incremental", a["pdf"]))

    # 4. the largest corpus: PDFs (with --pdfs), no change, one text added, empty cache
    n = largest
    say(f"\n== {n} resolutions: increments")
    content, site, cache = work / f"c{n}", work / f"site{n}", work / f"cache{n}"
    big = runs[n]
    if args.pdfs and largest != smallest:
        big["pdf"] = pdf(f"pdf-{n}", content, site, cache, work)
        say(_pdf_line("cold", big["pdf"]))
    before = snapshot(site)
    code_before = checkout_digest()
    big["no_change"] = {"build": build(f"build-{n}-again", content, site, cache, url, config,
                                       work)}
    if "pdf" in big:
        big["no_change"]["pdf"] = pdf(f"pdf-{n}-again", content, site, cache, work)
    nc = big["no_change"]["build"]
    after = snapshot(site)
    if nc["report"]["cache_hits"] < nc["report"]["files"]:
        note = (f"the rebuild with nothing changed took only {nc['report']['cache_hits']} of "
                f"{nc['report']['files']} texts from the parse cache: the generator's code "
                "changed during the bench (the cache key holds it), so that rebuild parsed again")
        results["notes"].append(note)
        say(f"NOTE: {note}")
    code_changed = checkout_digest() != code_before
    results["checks"]["no_change"] = chk = {
        "checkout_changed": code_changed,
        "site_unchanged": compare(before, after), "pages_written": nc["report"]["pages_written"],
        "mkdocs_mode": nc["report"]["mkdocs_mode"], "search_shards": nc["report"]["search_shards"],
        "copied": nc["report"]["copied"], "removed": nc["report"]["removed"]}
    say(f"no change: site {nc['process_wall']:.1f}s (MkDocs {chk['mkdocs_mode']}, "
        f"{chk['pages_written']} pages written, search {'+'.join(chk['search_shards']) or '-'}, "
        f"{chk['copied']} files copied)"
        + (f", PDFs {big['no_change']['pdf']['process_wall']:.1f}s" if "pdf" in big else ""))

    added = specs[-2] if "pdf" in big else specs[-1]
    shutil.copy2(pool / added.file, content / "resolutions" / added.file)
    code_before = checkout_digest()
    big["add_one"] = {"text": added.symbol,
                      "build": build(f"build-{n}-add", content, site, cache, url, config, work)}
    if "pdf" in big:
        big["add_one"]["pdf"] = pdf(f"pdf-{n}-add", content, site, cache, work)
    a = big["add_one"]["build"]
    say(f"one text added ({added.symbol}): site {a['process_wall']:.1f}s (MkDocs "
        f"{a['report']['mkdocs_mode']}, {a['report']['pages_written']} pages written, search "
        f"{'+'.join(a['report']['search_shards']) or '-'}, {a['report']['copied']} files copied)"
        + (f", {_pdf_line('incremental', big['add_one']['pdf'])}" if "pdf" in big else ""))
    if "pdf" in big:
        # the same, as `make site` does it: one command, the PDFs beside the site
        shutil.copy2(pool / specs[-1].file, content / "resolutions" / specs[-1].file)
        big["add_one_together"] = {"text": specs[-1].symbol, "build": build(
            f"build-pdf-{n}-add", content, site, cache, url, config, work, pdfs=True)}
        b = big["add_one_together"]["build"]
        say(f"another text added ({specs[-1].symbol}) with `resodocs build --pdf`: "
            f"{b['process_wall']:.1f}s for the site and the PDFs "
            f"(after the site, the PDFs took {b['report']['stages'].get('PDFs (after the site)', 0):.1f}s more)")

    clean_site, clean_cache = work / f"site{n}-clean", work / f"cache{n}-clean"
    big["empty_cache"] = build(f"build-{n}-clean", content, clean_site, clean_cache, url, config,
                               work)
    same = compare(snapshot(site, ("pdf/",)), snapshot(clean_site, ("pdf/",)))
    same["checkout_changed"] = checkout_digest() != code_before
    results["checks"]["empty_cache_same_site"] = same
    texts_now = len(list((content / "resolutions").iterdir()))
    say(f"empty cache, {texts_now} texts: {big['empty_cache']['process_wall']:.1f}s; same site as "
        f"the incremental one (PDFs and sitemap aside): {same['same']}"
        + ("" if same["same"] else f" (only incremental/only clean/differ: {same['counts']}, "
           f"e.g. {(same['differ'] + same['only_first'] + same['only_second'])[:3]})"))

    if args.profile:
        prof = OUT / f"profile-build-{n}.pstats"
        say(f"\nprofiling a cold build of {n} (cProfile, main process only) ...")
        build(f"build-{n}-profile", content, work / f"site{n}-prof", work / f"cache{n}-prof",
              url, config, work, profile=prof)
        txt = OUT / f"profile-build-{n}.txt"
        with txt.open("w") as f:
            st = pstats.Stats(str(prof), stream=f)
            st.sort_stats("cumulative").print_stats(40)
            st.sort_stats("tottime").print_stats(30)
        say(f"profile: {txt.relative_to(REPO)}")

    # 5. figures and targets
    report(results, sizes, smallest, largest, args.pdfs)
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    say(f"\nfigures: {(OUT / 'results.json').relative_to(REPO)}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _pdf_line(what: str, p: dict[str, Any]) -> str:
    s = p["pdf"]
    slow = sorted(s["seconds_by_file"].items(), key=lambda kv: -kv[1])[:2]
    return (f"PDFs {what}: {p['process_wall']:.1f}s wall, {s['rebuilt']} rebuilt / "
            f"{s['unchanged']} from cache, {s['pages']} pages, peak RSS {fmt_bytes(p['peak_rss'])}, "
            f"tree PSS {fmt_bytes(p['tree_pss_peak'])}; slowest: "
            + ", ".join(f"{k} {v:.1f}s" for k, v in slow))


def report(results: dict[str, Any], sizes: list[int], smallest: int, largest: int,
           pdfs: bool) -> None:
    """The tables and the targets."""
    runs = results["runs"]
    names = list(stage_figures(runs[sizes[0]]["build"]))
    rows = []
    for name in names:
        rows.append([name] + [f"{stage_figures(runs[n]['build'])[name]:.2f}" for n in sizes])
    rows.append(["PDFs (all, cold)"] + [f"{runs[n]['pdf']['process_wall']:.1f}" if "pdf" in runs[n]
                                        else "-" for n in sizes])
    rows.append(["pages"] + [str(runs[n]["build"]["report"]["pages"]) for n in sizes])
    rows.append(["pages written"] + [str(runs[n]["build"]["report"]["pages_written"])
                                     for n in sizes])
    rows.append(["peak RSS, one process"] + [fmt_bytes(runs[n]["build"]["peak_rss"])
                                             for n in sizes])
    rows.append(["peak PSS, process tree"] + [fmt_bytes(runs[n]["build"]["tree_pss_peak"])
                                              for n in sizes])
    rows.append(["peak RSS, PDFs"] + [fmt_bytes(runs[n]["pdf"]["peak_rss"]) if "pdf" in runs[n]
                                      else "-" for n in sizes])
    rows.append(["site bytes"] + [fmt_bytes(runs[n]["site"]["bytes"]) for n in sizes])
    rows.append(["site files"] + [str(runs[n]["site"]["files"]) for n in sizes])
    for kind in ("html", "search index", "theme assets", "other"):
        rows.append([f"  {kind}"] + [fmt_bytes(runs[n]["site"]["by_kind"].get(kind, {})
                                               .get("bytes", 0)) for n in sizes])
    rows.append(["first search: search bytes"] + [fmt_bytes(runs[n]["first_search"]["search_bytes"])
                                                  for n in sizes])
    rows.append(["first search: all bytes"] + [fmt_bytes(runs[n]["first_search"]["total_bytes"])
                                               for n in sizes])
    rows.append(["first search: seconds"] + [f"{runs[n]['first_search']['seconds_to_results']:.2f}"
                                             for n in sizes])
    say("\n" + table(rows, ["seconds / figure"] + [f"{n} res." for n in sizes]))

    big = runs[largest]
    cols = [("cold", big["build"]), ("no change", big["no_change"]["build"]),
            ("+1 text", big["add_one"]["build"]), ("+1, empty cache", big["empty_cache"])]
    rows = [[name] + [f"{stage_figures(r)[name]:.2f}" for _, r in cols] for name in names]
    for label, key in (("texts from the parse cache", "cache_hits"),
                       ("pages written", "pages_written"), ("MkDocs", "mkdocs_mode"),
                       ("files copied to site", "copied")):
        rows.append([label] + [str(r["report"][key]) for _, r in cols])
    rows.append(["search shards indexed"] + ["+".join(r["report"]["search_shards"]) or "-"
                                             for _, r in cols])
    rows.append(["peak RSS"] + [fmt_bytes(r["peak_rss"]) for _, r in cols])
    pdf_cells = [big.get("pdf"), big["no_change"].get("pdf"), big["add_one"].get("pdf"), None]
    rows.append(["PDFs (wall)"] + [f"{p['process_wall']:.1f}" if p else "-" for p in pdf_cells])
    rows.append(["PDFs rebuilt"] + [str(p["pdf"]["rebuilt"]) if p else "-" for p in pdf_cells])
    say(f"\nincrements at {largest}:\n" + table(rows, ["seconds / figure"] + [c for c, _ in cols]))
    small = runs[smallest].get("add_one")
    if small:
        say(f"+1 text at {smallest}: site {small['build']['process_wall']:.1f}s, PDFs "
            f"{small['pdf']['process_wall']:.1f}s ({small['pdf']['pdf']['rebuilt']} rebuilt: "
            + ", ".join(f"{k} {v:.1f}s" for k, v in
                        sorted(small["pdf"]["pdf"]["seconds_by_file"].items(),
                               key=lambda kv: -kv[1])) + ")")

    cats = sorted({c for n in sizes for c in runs[n]["first_search"]["by_category"]})
    rows = [[c] + [_cat(runs[n]["first_search"], c) for n in sizes] for c in cats]
    say("\nfirst search, bytes by kind (requests):\n"
        + table(rows, ["request kind"] + [f"{n} res." for n in sizes]))

    # targets
    t: dict[str, Any] = {}

    def target(key: str, label: str, value: float | None, limit: float, shown: str,
               note: str = "") -> None:
        ok = None if value is None else value <= limit
        t[key] = {"value": value, "limit": limit, "pass": ok, "note": note}
        mark = "n/a " if ok is None else "PASS" if ok else "FAIL"
        over = "" if not ok and ok is not None and limit == 0 else (
            f" ({value / limit:.2f}x the limit)" if ok is False and value is not None and limit
            else "")
        say(f"  {mark}  {label}: {shown}{over}" + (f"  [{note}]" if note else ""))

    say(f"\ntargets (issue 6) at {largest}:")
    wall = big["build"]["process_wall"]
    target("full_site", f"full site, PDFs aside <= {TARGETS['full_site_1000_s']:.0f} s", wall,
           TARGETS["full_site_1000_s"], f"{wall:.1f} s")
    if 500 in runs and largest == 1000:
        ratio = wall / runs[500]["build"]["process_wall"]
        target("ratio", f"time(1000)/time(500) <= {TARGETS['ratio_1000_500']}", ratio,
               TARGETS["ratio_1000_500"], f"{ratio:.2f}")
    gen = generator_seconds(big["build"])
    target("generator_share", "generator stages (read, parse, corpus, pages) <= 10% of total",
           gen / wall, TARGETS["generator_share"], f"{gen:.1f} s = {100 * gen / wall:.1f}%")
    site_add = big["add_one"]["build"]["process_wall"]
    if "add_one_together" in big:
        together = big["add_one_together"]["build"]["process_wall"]
        pdf_add = big["add_one"]["pdf"]["process_wall"]
        target("add_one", "add one text and rebuild, PDFs included <= 10 s", site_add + pdf_add,
               TARGETS["add_one_s"], f"{site_add + pdf_add:.1f} s as `make site` runs it (site "
               f"{site_add:.1f} s + PDFs {pdf_add:.1f} s); in one command, `resodocs build --pdf`: "
               f"{together:.1f} s")
    else:
        pdf_add = runs[smallest]["add_one"]["pdf"]["process_wall"]
        where = (f"PDF part measured on the {smallest} corpus (run --pdfs for {largest})")
        target("add_one", "add one text and rebuild, PDFs included <= 10 s", site_add + pdf_add,
               TARGETS["add_one_s"], f"{site_add + pdf_add:.1f} s (site {site_add:.1f} s + PDFs "
               f"{pdf_add:.1f} s)", where)
    fs = big["first_search"]
    target("first_search", "first search query <= 500 KB", fs["search_bytes"],
           TARGETS["first_search_bytes"], f"{fmt_bytes(fs['search_bytes'])} for search "
           f"({fmt_bytes(fs['total_bytes'])} with the page, theme and sitemap)")
    peaks = [(f"build {n}", runs[n]["build"]) for n in sizes]
    for n in sizes:
        for key in ("pdf",):
            if key in runs[n]:
                peaks.append((f"pdf {n}", runs[n][key]))
    for key in ("no_change", "add_one", "add_one_together"):
        for k2, v in big.get(key, {}).items():
            if isinstance(v, dict) and "peak_rss" in v:
                peaks.append((f"{key} {k2}", v))
    peaks.append(("build empty cache", big["empty_cache"]))
    for k2, v in runs[smallest].get("add_one", {}).items():
        if isinstance(v, dict) and "peak_rss" in v:
            peaks.append((f"add_one {smallest} {k2}", v))
    worst_name, worst = max(peaks, key=lambda kv: kv[1]["peak_rss"])
    tree_name, tree = max(peaks, key=lambda kv: kv[1]["tree_pss_peak"])
    site_peaks = [kv for kv in peaks if "pdf" not in kv[0] and "together" not in kv[0]]
    sname, speak = max(site_peaks, key=lambda kv: kv[1]["peak_rss"])
    stname, stree = max(site_peaks, key=lambda kv: kv[1]["tree_pss_peak"])
    target("peak_memory", "peak memory <= 1 GB (largest process)", worst["peak_rss"],
           TARGETS["peak_memory_bytes"], f"{fmt_bytes(worst['peak_rss'])} ({worst_name}); all "
           f"processes at once: {fmt_bytes(tree['tree_pss_peak'])} PSS ({tree_name}); site "
           f"builds alone: {fmt_bytes(speak['peak_rss'])} ({sname}), "
           f"{fmt_bytes(stree['tree_pss_peak'])} PSS all processes ({stname})")
    if "pdf" in big and largest != smallest:
        v = big["pdf"]["process_wall"]
        target("pdfs", f"PDFs for all {largest} <= 150 s", v, TARGETS["pdfs_1000_s"], f"{v:.1f} s")
    else:
        small = runs[smallest]["pdf"]
        est = small["process_wall"] * largest / smallest
        target("pdfs", f"PDFs for all {largest} <= 150 s", None, TARGETS["pdfs_1000_s"],
               f"not run (--pdfs); {smallest} took {small['process_wall']:.1f} s: at least "
               f"{est:.0f} s for {largest} (linear; the volume corpus.pdf grows faster)")
    c = results["checks"]
    nc = c["no_change"]
    ok = nc["site_unchanged"]["same"] and nc["pages_written"] == 0 and nc["copied"] == 0
    moved = " (the checkout's code, templates or mkdocs.yml changed during this check: a " \
        "difference proves nothing; run again)"
    t["no_change"] = {"pass": ok}
    mark = "PASS" if ok else "n/a " if nc.get("checkout_changed") else "FAIL"
    say(f"  {mark}  second build, nothing changed: site unchanged "
        f"{nc['site_unchanged']['same']}, {nc['pages_written']} pages written, {nc['copied']} "
        f"files copied, MkDocs {nc['mkdocs_mode']}, "
        f"{big['no_change']['build']['process_wall']:.1f} s"
        + (moved if not ok and nc.get("checkout_changed") else ""))
    same = c["empty_cache_same_site"]
    t["empty_cache"] = {"pass": same["same"]}
    mark = "PASS" if same["same"] else "n/a " if same.get("checkout_changed") else "FAIL"
    say(f"  {mark}  deleting the cache gives the same site "
        f"({same['files']} files compared, PDFs and sitemap aside)"
        + (moved if not same["same"] and same.get("checkout_changed") else ""))
    results["targets"] = t
    for note in results["notes"]:
        say(f"\nNOTE: {note}")


def _cat(fs: dict[str, Any], c: str) -> str:
    v = fs["by_category"].get(c)
    return f"{fmt_bytes(v['bytes'])} ({v['requests']})" if v else "-"


if __name__ == "__main__":
    sys.exit(main())
