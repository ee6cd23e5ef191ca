"""The command line: ``vnnews-clean FILE...`` prints the article of each text dump."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .article import Article
from .errors import CleanError
from .pipeline import clean_text


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def _explain(article: Article) -> str:
    width = max((len(b.reason) for b in article.blocks), default=0)
    return "\n".join(
        f"{b.line:5d}  {b.label.value:10s}  {b.reason:{width}s}  {b.text}" for b in article.blocks
    )


def _plain(article: Article) -> str:
    head = [article.title or ""]
    if article.published:
        head.append(article.published.isoformat())
    return "\n".join(head) + "\n\n" + article.text


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="vnnews-clean",
        description="Print the article in plain-text dumps of Vietnamese news pages.",
    )
    ap.add_argument("files", nargs="+", metavar="FILE", help="a text dump, or - for stdin")
    out = ap.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the article as JSON")
    out.add_argument(
        "--explain", action="store_true", help="print every block with its label and reason code"
    )
    a = ap.parse_args(argv)
    status = 0
    for path in a.files:
        try:
            article = clean_text(_read(path))
        except (OSError, CleanError) as exc:
            print(f"vnnews-clean: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        if a.json:
            print(json.dumps(article.to_dict(), ensure_ascii=False, indent=1))
        elif a.explain:
            print(_explain(article))
        else:
            print(_plain(article))
    return status


if __name__ == "__main__":
    sys.exit(main())
