"""Command line: ``resodocs parse | check | build | pdf | serve``.

Exit status: 0 on success, 1 when a file has errors (or warnings under ``--strict``) or a
stage fails, 2 on a usage error. Diagnostics go to stderr as
``FILE:LINE:COL: error|warning[CODE]: message`` followed by the source line and a caret;
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .load import load
from .model import to_dict
from .project import Settings, load_content, print_diagnostics


def cmd_parse(args: argparse.Namespace) -> int:
    loaded = load(Path(args.file), args.file)
    print_diagnostics(list(loaded.diagnostics), args.strict)
    if loaded.failed(args.strict) or loaded.resolution is None:
        return 1
    json.dump(to_dict(loaded.resolution), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.make(content=args.content, site=getattr(args, "site", None),
                         cache=args.cache, config=getattr(args, "config", None),
                         strict=args.strict, site_url=getattr(args, "site_url", None),
                         jobs=getattr(args, "jobs", None))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate texts (and annotations) without building anything."""
    from .annotations import load_annotations  # noqa: PLC0415

    settings = _settings(args)
    files = [Path(f) for f in args.files] if args.files else None
    if files:
        missing = [f for f in files if not f.is_file()]
        for f in missing:
            print(f"{f}:1:1: error[E-IO]: no such file", file=sys.stderr)
        if missing:
            return 1
    loading = load_content(settings, files)
    diags = list(loading.diagnostics)
    if files is None:
        _, note_diags = load_annotations(settings.content / "annotations", loading.corpus,
                                         settings.display)
        diags += note_diags
    print_diagnostics(diags, settings.strict)
    failed = loading.corpus is None or any(d.level.value == "error" or settings.strict for d in diags)
    n = len(loading.loaded)
    errors = sum(1 for d in diags if d.level.value == "error" or settings.strict)
    print(f"resodocs: checked {n} file{'s' if n != 1 else ''}: "
          f"{errors} error{'s' if errors != 1 else ''}, "
          f"{len(diags) - errors} warning{'s' if len(diags) - errors != 1 else ''}",
          file=sys.stderr)
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build  # noqa: PLC0415

    settings = _settings(args)
    t0 = time.perf_counter()
    rep = build(settings, pdf=args.pdf)
    if not rep.ok:
        return 1
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in rep.stages.items())
    print(f"resodocs: built {rep.resolutions} resolutions, {rep.pages} pages "
          f"({rep.pages_written} written, {rep.pages_removed} removed; MkDocs {rep.mkdocs_mode}; "
          f"search {'+'.join(rep.search_shards) or 'unchanged'}) into "
          f"{settings.display(settings.site)}/ in {time.perf_counter() - t0:.1f}s [{stages}]")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .annotations import load_annotations  # noqa: PLC0415
    from .pdf_stage import html_notes, write_pdfs  # noqa: PLC0415

    settings = _settings(args)
    loading = load_content(settings)
    notes, note_diags = load_annotations(settings.content / "annotations", loading.corpus,
                                         settings.display)
    print_diagnostics(loading.diagnostics + note_diags, settings.strict)
    if loading.failed(settings.strict) or loading.corpus is None or any(
            d.level.value == "error" or settings.strict for d in note_diags):
        print("resodocs: pdf stopped; no PDF was written", file=sys.stderr)
        return 1
    return 0 if write_pdfs(settings, loading.corpus.resolutions, html_notes(notes)) else 1


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the built site on 127.0.0.1 (build first)."""
    import functools  # noqa: PLC0415
    import http.server  # noqa: PLC0415

    settings = _settings(args)
    if not (settings.site / "index.html").exists():
        print(f"resodocs: no site in {settings.display(settings.site)}/: run `resodocs build` first",
              file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(settings.site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as httpd:
        print(f"resodocs: serving {settings.display(settings.site)}/ at http://127.0.0.1:{args.port}/")
        httpd.serve_forever()
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser."""
    p = argparse.ArgumentParser(prog="resodocs", description="Static sites of annotated UN resolutions.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, site: bool = True) -> None:
        sp.add_argument("--content", help="content folder (holds resolutions/); default content/")
        if site:
            sp.add_argument("--site", help="site folder to build into; default site/")
        sp.add_argument("--cache", help="cache folder; default .cache/ (or $RESODOCS_CACHE)")
        sp.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sp.add_argument("--jobs", type=int, help="worker processes (default: one per core)")

    sp = sub.add_parser("parse", help="print the model of one text as JSON")
    sp.add_argument("file")
    sp.add_argument("--strict", action="store_true", help="treat warnings as errors")
    sp.set_defaults(func=cmd_parse)

    sp = sub.add_parser("check", help="validate texts and annotations without building")
    sp.add_argument("files", nargs="*", help="texts to check (default: all of content/)")
    common(sp, site=False)
    sp.set_defaults(func=cmd_check)

    sp = sub.add_parser("build", help="build the site (with --pdf, the PDFs too)")
    common(sp)
    sp.add_argument("--pdf", action="store_true",
                    help="also make the PDFs (as `resodocs pdf`), beside the site build")
    sp.add_argument("--config", help="mkdocs.yml to use")
    sp.add_argument("--site-url", help="address the site is served from (overrides mkdocs.yml)")
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("pdf", help="print every resolution to site/pdf/")
    common(sp)
    sp.set_defaults(func=cmd_pdf)

    sp = sub.add_parser("serve", help="serve the built site on 127.0.0.1")
    common(sp)
    sp.add_argument("--port", type=int, default=8000)
    sp.set_defaults(func=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``resodocs`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("resodocs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
