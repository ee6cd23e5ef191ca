"""The HTML report: self-contained, every block drawn with its label, hostile text escaped,
and rendered by a real browser (Debian's chromium) to check what a reader would see."""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

import vnnews_clean
from vnnews_clean import Article, Label, LabelledBlock
from vnnews_clean.cli import main
from vnnews_clean.report import STYLES, render_report

from conftest import ROOT, SEEDS

SEED = SEEDS / "000_24e14e7508fcd41e.txt"
FIXTURE = ROOT / "fixtures" / "pages" / "article.html"
BROWSER_TIMEOUT = 60  # seconds per chromium run; a cold start takes 1-3 s


def seed_article() -> Article:
    return vnnews_clean.clean_text(SEED.read_text("utf-8"))


def fixture_article() -> Article:
    return vnnews_clean.clean_html(FIXTURE.read_bytes())


def rendered_blocks(doc: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return list(doc.xpath("//ol[@class='blocks']/li[@data-label]"))


def counts_table(doc: lxml.html.HtmlElement) -> dict[str, int]:
    rows = doc.xpath("//table[@class='counts']//tr[@data-label]")
    return {r.get("data-label"): int(r.get("data-count")) for r in rows}


def label_counts(article: Article) -> dict[str, int]:
    return dict(collections.Counter(b.label.value for b in article.blocks))


def check_blocks(doc: lxml.html.HtmlElement, article: Article) -> None:
    """Every block is drawn, in order, with its label, reason and text; the table agrees."""
    drawn = rendered_blocks(doc)
    assert [(li.get("data-label"), li.get("data-reason")) for li in drawn] == [
        (b.label.value, b.reason) for b in article.blocks
    ]
    for li, b in zip(drawn, article.blocks, strict=True):
        assert li.xpath("string(div[@class='text'])") == b.text
        assert b.label.value in li.get("title") and b.reason in li.get("title")
    assert counts_table(doc) == label_counts(article)


# --- The document itself -------------------------------------------------------------------


@pytest.mark.parametrize("make", [seed_article, fixture_article], ids=["seed", "html"])
def test_every_block_with_its_label(make: Callable[[], Article]) -> None:
    article = make()
    check_blocks(lxml.html.fromstring(render_report(article)), article)


def test_self_contained() -> None:
    page = render_report(fixture_article(), source_name="article.html")
    doc = lxml.html.fromstring(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not doc.xpath("//script | //link | //iframe | //img | //object | //embed")
    assert not doc.xpath("//@src | //@href")
    assert not re.search(r"url\(|@import", page)  # no CSS that fetches
    policy = doc.xpath("string(//meta[@http-equiv='Content-Security-Policy']/@content)")
    assert "default-src 'none'" in policy


def test_metadata_shown() -> None:
    article = fixture_article()
    doc = lxml.html.fromstring(render_report(article))
    meta = dict(zip(doc.xpath("//dl/dt/text()"), doc.xpath("//dl/dd"), strict=True))
    assert meta["Title"].text_content() == article.title
    assert meta["Published"].text_content() == "2026-03-05T08:30:00+07:00"
    assert meta["Authors"].text_content() == "Minh Anh"
    assert meta["Section"].text_content() == "Thời sự"
    assert "xe buýt điện" in meta["Tags"].text_content()
    assert meta["URL"].text_content() == article.url
    assert "confidence" in meta["Is an article"].text_content()


def test_legend_names_every_label() -> None:
    doc = lxml.html.fromstring(render_report(seed_article()))
    assert set(doc.xpath("//ul[@class='legend']//span/text()")) == {lab.value for lab in Label}
    assert set(STYLES) == set(Label)
    assert len({ink for ink, _, _ in STYLES.values()}) == len(Label)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped() -> None:
    block = LabelledBlock(0, HOSTILE, 1, 1, Label.BODY, 'reason"><b>', 'div"><script>')
    article = Article(
        HOSTILE, None, (HOSTILE,), HOSTILE, "javascript:alert(1)", (HOSTILE,), (), (block,),
        warnings=(HOSTILE,), tags=(HOSTILE,),
    )  # fmt: skip
    page = render_report(article, source_name=HOSTILE)
    doc = lxml.html.fromstring(page)
    assert not doc.xpath("//script | //img | //b | //@onerror | //@href")
    assert "&lt;script&gt;" in page
    (li,) = rendered_blocks(doc)
    assert li.get("data-reason") == 'reason"><b>'
    assert li.xpath("string(div[@class='text'])") == HOSTILE


# --- The command line ----------------------------------------------------------------------


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["--report", str(out), str(SEED)]) == 0
    assert capsys.readouterr().out.startswith("Tổng Bí thư")  # the usual output is kept
    doc = lxml.html.fromstring(out.read_text("utf-8"))
    check_blocks(doc, seed_article())
    assert SEED.name in doc.xpath("string(//h1)")


@pytest.mark.parametrize("extra", [["SEED", "SEED"], ["SEEDS"], ["--jsonl", "-"]])
def test_cli_report_takes_one_page(
    extra: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {"SEED": str(SEED), "SEEDS": str(SEEDS)}
    out = tmp_path / "report.html"
    with pytest.raises(SystemExit) as exc:
        main(["--report", str(out), *(names.get(e, e) for e in extra)])
    assert exc.value.code == 2
    assert "--report takes one page" in capsys.readouterr().err
    assert not out.exists()


# --- A real browser ------------------------------------------------------------------------


def chromium() -> str:
    """Debian's chromium, or a skip (a failure when VNNEWS_REQUIRE_BROWSER=1, as in CI)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.access("/usr/bin/chromium", os.X_OK):
        found = "/usr/bin/chromium"
    if found:
        return found
    why = (
        "chromium not found; set up Debian's chromium (apt-get install chromium) or put it on PATH"
    )
    if os.environ.get("VNNEWS_REQUIRE_BROWSER") == "1":
        pytest.fail(why + " (VNNEWS_REQUIRE_BROWSER=1 requires it)")
    pytest.skip(why)


def run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    flags = [
        "--headless",
        "--no-sandbox",  # CI runs as root, where the sandbox refuses to start
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    done = subprocess.run(
        [browser, *flags, *args], capture_output=True, timeout=BROWSER_TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done


@pytest.mark.parametrize(
    ("make", "name"),
    [(seed_article, SEED.name), (fixture_article, FIXTURE.name)],
    ids=["seed", "html"],
)
def test_report_in_real_chromium(
    make: Callable[[], Article], name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    browser = chromium()
    article = make()
    report = tmp_path / "report.html"
    report.write_text(render_report(article, source_name=name), "utf-8")
    url = report.as_uri()

    png = tmp_path / "report.png"
    run_chromium(
        browser, tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,2000", url
    )
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000, "a blank page compresses to a few KB"

    dom = run_chromium(browser, tmp_path / "profile", "--dump-dom", url).stdout
    doc = lxml.html.fromstring(dom.decode("utf-8"))
    check_blocks(doc, article)
    for label in {b.label.value for b in article.blocks}:
        assert doc.xpath(f"//li[@data-label='{label}']"), label
    with capsys.disabled():  # shown even under -q, so the CI log proves the browser ran
        print(f"\n[chromium] {name}: {len(article.blocks)} blocks rendered, {len(data)} B PNG")
