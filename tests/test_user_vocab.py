"""A user's vocabulary overlay: added and removed entries change the verdicts they should, the
DOM concepts and site hints reach HTML blocks, and caches never mix two vocabularies."""

from __future__ import annotations

import json
import math
import pickle
from pathlib import Path

import pytest

from vnnews_clean import (
    CleanConfig,
    CleanError,
    Label,
    VocabularyOverlay,
    clean,
    clean_html,
    clean_many,
    clean_text,
)
from vnnews_clean.classify import score_page
from vnnews_clean.dom_tokens import BIT, SITE_RELATED, token_bits
from vnnews_clean.html_input import read_html
from vnnews_clean.model import default_model
from vnnews_clean.normalize import canon_key
from vnnews_clean.user_vocab import KNOWN
from vnnews_clean.vocab import vocabulary

from conftest import ROOT

ARTICLE = ROOT / "fixtures" / "pages" / "article.html"
# A short article followed by a section whose header no package vocabulary holds.
PAGE = (
    "Trang chủ Thời sự\n\nHà Nội mở thêm tuyến buýt điện\n\n"
    "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với các khu đô "
    "thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\n\n"
    "Tuyến dài 28 km, đi qua nhiều trục đường lớn và điểm trung chuyển, với 20 xe chạy điện "
    "hoàn toàn, tần suất 10 phút một chuyến vào giờ cao điểm.\n\n"
    "Cùng tác giả\n"
    "Giá vé xe buýt giữ nguyên trong năm nay\n"
    "Sở Giao thông vận tải cho biết giá vé lượt vẫn là 7.000 đồng, người cao tuổi và học "
    "sinh được giảm giá theo quy định hiện hành của thành phố.\n"
)
HEADER_LINE = 9
ADD_HEADER = {"related_headers": {"add": ["Cùng tác giả"]}}


def _verdict(article: object, line: int) -> tuple[Label, str]:
    block = next(b for b in article.blocks if b.line == line)  # type: ignore[attr-defined]
    return block.label, block.reason


def _config(mapping: dict) -> CleanConfig:
    return CleanConfig(vocabulary=VocabularyOverlay.from_mapping(mapping))


def test_added_related_header_makes_the_line_related() -> None:
    assert _verdict(clean_text(PAGE), HEADER_LINE)[0] is not Label.RELATED
    after = clean_text(PAGE, config=_config(ADD_HEADER))
    assert _verdict(after, HEADER_LINE) == (Label.RELATED, "related_section_header")


def test_entries_match_whatever_the_tone_placement_and_normal_form() -> None:
    # "Cùng" written decomposed (NFD) and upper case still matches the NFC line.
    overlay = VocabularyOverlay.from_mapping({"related_headers": {"add": ["CU\u0300NG TÁC GIẢ"]}})
    assert overlay == VocabularyOverlay.from_mapping(ADD_HEADER)
    # "hoà"/"hòa": the two tone placements are one entry.
    hoa = VocabularyOverlay.from_mapping({"related_headers": {"add": ["Hoà bình"]}})
    assert hoa == VocabularyOverlay.from_mapping({"related_headers": {"add": ["Hòa bình"]}})


def test_removed_package_entry_is_no_longer_a_related_header() -> None:
    page = PAGE.replace("Cùng tác giả", "Tin bài liên quan")
    assert _verdict(clean_text(page), HEADER_LINE) == (Label.RELATED, "related_section_header")
    removed = _config({"related_headers": {"remove": ["Tin bài liên quan"]}})
    assert _verdict(clean_text(page, config=removed), HEADER_LINE)[1] != "related_section_header"
    assert canon_key("Tin bài liên quan") in vocabulary("related_headers")  # package data intact


def test_a_site_section_removes_what_the_overlay_added() -> None:
    site = {"related_headers": {"remove": ["Cùng tác giả"]}}
    config = _config({**ADD_HEADER, "sites": {"baomau.vn": site}})
    html = "".join(f"<p>{line}</p>" for line in PAGE.splitlines() if line).encode()
    here = clean_html(html, url="https://baomau.vn/a.html", config=config)
    elsewhere = clean_html(html, url="https://othernews.vn/a.html", config=config)
    assert [b.reason for b in elsewhere.blocks if b.text == "Cùng tác giả"] == [
        "related_section_header"
    ]
    assert [b.reason for b in here.blocks if b.text == "Cùng tác giả"] != ["related_section_header"]
    # clean() applies the site too, and clean_text through config.for_url.
    assert _verdict(clean(PAGE, url="https://www.baomau.vn/b", config=config), HEADER_LINE)[1] != (
        "related_section_header"
    )
    text_here = clean_text(PAGE, config=config.for_url("http://m.baomau.vn/c"))
    assert _verdict(text_here, HEADER_LINE)[1] != "related_section_header"
    assert _verdict(clean_text(PAGE, config=config), HEADER_LINE)[1] == "related_section_header"


def test_site_hint_makes_an_html_block_related() -> None:
    raw = ARTICLE.read_bytes()
    inline = "Giá vé xe buýt giữ nguyên trong năm nay"  # <p class="related-inline">
    before = next(b for b in clean_html(raw).blocks if b.text == inline)
    assert before.label is Label.HEADING  # the model reads it as a subheading
    config = _config({"hints": {"related": {"add": ["related-inline"]}}})
    after = next(b for b in clean_html(raw, config=config).blocks if b.text == inline)
    assert (after.label, after.reason) == (Label.RELATED, "site_related_container")
    # Scoped to a site, the hint applies only to that site's pages.
    scoped = _config({"sites": {"baomau.vn": {"hints.related": {"add": ["related-inline"]}}}})
    for host, label in (("baomau.vn", Label.RELATED), ("khac.vn", Label.HEADING)):
        url = f"https://{host}/x"
        block = next(b for b in clean_html(raw, url=url, config=scoped).blocks if b.text == inline)
        assert block.label is label


def test_dom_token_added_to_a_concept_reaches_the_model() -> None:
    overlay = VocabularyOverlay.from_mapping({"dom": {"related": {"add": ["box-goiy"]}}})
    assert token_bits("box-goiy clearfix") == 0
    assert token_bits("box-goiy clearfix", overlay) == BIT["related"]
    assert not token_bits("box-goiy", overlay) & SITE_RELATED  # a feature, not a hint
    removed = VocabularyOverlay.from_mapping(
        {"dom.related": {"remove": ["tinlienquan", "lienquan"]}}
    )
    assert token_bits("box-tinlienquan", removed) == 0
    # The block's in_related feature is set, and the model's chrome posterior grows.
    html = ARTICLE.read_text("utf-8").replace(
        '<p class="author">',
        '<div class="box-goiy"><p>Thành phố dự kiến mở thêm 10 tuyến buýt điện trong hai '
        'năm tới.</p></div><p class="author">',
    )
    chrome = []
    for config in (CleanConfig(), CleanConfig(vocabulary=overlay)):
        read = read_html(html, config)
        scores = score_page(read.page.blocks, config, default_model("html"), read.page.dom)
        i = next(i for i, b in enumerate(read.page.blocks) if "dự kiến" in b.text)
        assert bool(read.page.dom[i].bits & BIT["related"]) is (config.vocabulary is not None)
        chrome.append(math.exp(scores.posteriors[i][-1]))
    assert chrome[1] > chrome[0] + 0.2


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"related_header": {"add": ["x"]}}, "unknown vocabulary concept 'related_header'"),
        ({"dom": {"relatd": {"add": ["x"]}}}, "unknown vocabulary concept 'dom.relatd'"),
        ({"related_headers": {"add": "Cùng tác giả"}}, "expected a list of strings"),
        ({"related_headers": {"append": ["x"]}}, "expected"),
        ({"related_headers": {"add": ["..."]}}, "has no letters or digits"),
        ({"related_headers": {"remove": ["Không có mục này"]}}, "does not hold"),
        ({"related_headers": {"add": ["Xem"], "remove": ["xem"]}}, "both added and removed"),
        ({"dom.related": {"add": ["box goiy"]}}, "not one class or id token"),
        ({"sites": {"https://baomau.vn/": {}}}, "not a host name"),
    ],
)
def test_bad_overlays_are_refused(mapping: dict, message: str) -> None:
    with pytest.raises(CleanError, match=message):
        VocabularyOverlay.from_mapping(mapping)


def test_unknown_concept_lists_the_known_ones() -> None:
    with pytest.raises(ValueError) as error:
        VocabularyOverlay.from_mapping({"menu": {"add": ["Góc nhìn"]}})
    for concept in ("related_headers", "navigation", "dom.related", "dom.content", "hints.related"):
        assert concept in str(error.value)
    assert len(KNOWN) == 13 + 14 + 1


OVERLAY_TOML = """\
# Báo Mẫu's own strings.
[related_headers]
add = ["Cùng tác giả"]

[dom.content]
add = ["detail-v2"]

[sites."baomau.vn".hints.related]
add = ["related-inline"]
"""


def test_file_loading_toml_and_json(tmp_path: Path) -> None:
    toml = tmp_path / "vocab.toml"
    toml.write_text(OVERLAY_TOML, "utf-8")
    from_toml = VocabularyOverlay.from_file(toml)
    mapping = {
        "related_headers": {"add": ["Cùng tác giả"]},
        "dom.content": {"add": ["detail-v2"]},
        "sites": {"baomau.vn": {"hints": {"related": {"add": ["related-inline"]}}}},
    }
    as_json = tmp_path / "vocab.json"
    as_json.write_text(json.dumps(mapping, ensure_ascii=False), "utf-8")
    assert (
        from_toml
        == VocabularyOverlay.from_file(str(as_json))
        == (VocabularyOverlay.from_mapping(mapping))
    )
    config = CleanConfig(vocabulary=from_toml)
    assert _verdict(clean_text(PAGE, config=config), HEADER_LINE)[1] == "related_section_header"


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[related_headers\nadd = 1", "utf-8")
    with pytest.raises(CleanError, match=r"bad\.toml: not a valid TOML file"):
        VocabularyOverlay.from_file(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"widget": {"add": ["x"]}}', "utf-8")
    with pytest.raises(CleanError, match=r"wrong\.json: .*unknown vocabulary concept 'widget'"):
        VocabularyOverlay.from_file(wrong)
    with pytest.raises(CleanError, match=r"ends in \.toml or \.json"):
        VocabularyOverlay.from_file(tmp_path / "vocab.yaml")


def test_config_with_overlay_hashes_compares_and_pickles() -> None:
    overlay = VocabularyOverlay.from_mapping(
        {**ADD_HEADER, "sites": {"baomau.vn": {"dom.related": {"add": ["box-goiy"]}}}}
    )
    config = CleanConfig(vocabulary=overlay)
    again = pickle.loads(pickle.dumps(config))
    assert again == config and hash(again) == hash(config)
    assert config != CleanConfig() and hash(config) != hash(CleanConfig())
    assert config == CleanConfig(
        vocabulary=VocabularyOverlay.from_mapping(
            {**ADD_HEADER, "sites": {"www.baomau.vn": {"dom": {"related": {"add": ["box_goiy"]}}}}}
        )
    )
    assert config.for_url("https://baomau.vn/a") is config.for_url("https://baomau.vn/b")
    assert CleanConfig().for_url("https://baomau.vn/a") == CleanConfig()


def test_configs_with_different_vocabularies_never_share_results() -> None:
    # Alternate in one process: the signal memo and the vocabulary caches are keyed by the
    # config's overlay, so neither answer leaks into the other.
    plain, added = CleanConfig(), _config(ADD_HEADER)
    for _ in range(2):
        assert _verdict(clean_text(PAGE, config=plain), HEADER_LINE)[1] != "related_section_header"
        assert _verdict(clean_text(PAGE, config=added), HEADER_LINE)[1] == "related_section_header"
        assert _verdict(clean_text(PAGE), HEADER_LINE)[1] != "related_section_header"


def test_overlay_crosses_to_worker_processes() -> None:
    results = list(clean_many([PAGE, PAGE], jobs=2, config=_config(ADD_HEADER)))
    for result in results:
        assert result.article is not None
        assert _verdict(result.article, HEADER_LINE)[1] == "related_section_header"
