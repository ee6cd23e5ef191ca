"""The captions placed by the image around them (photo_captions.py) and bare photo credits."""

from __future__ import annotations

import vnnews_clean
from vnnews_clean import Label
from vnnews_clean.config import CleanConfig
from vnnews_clean.signals import read_signals

TITLE = "Cây cổ thụ đổ giữa đường, giao thông trung tâm ùn tắc"
LEAD = (
    "Một cây cổ thụ cao hơn 20 m đổ ngang đường sáng nay khiến một người bị thương, giao thông "
    "nhiều tuyến phố trung tâm thành phố ùn tắc kéo dài trong nhiều giờ liền sau sự cố."
)
PARA = (
    "Theo người dân địa phương, cây đổ lúc gần 6 giờ sáng khi trời không mưa, không gió; lực "
    "lượng chức năng đã có mặt để phân luồng và thu dọn hiện trường trong suốt buổi sáng."
)
CAPTION = "Dòng xe ùn tắc trên đường lớn hướng vào trung tâm thành phố sau khi cây đổ."


def _blocks(*parts: str) -> dict[str, tuple[Label, str]]:
    article = vnnews_clean.clean_text("\n\n".join(parts) + "\n")
    return {b.text: (b.label, b.reason) for b in article.blocks}


def test_line_under_the_headline_as_alt_text_is_a_caption() -> None:
    got = _blocks("Trang chủ", TITLE, LEAD, TITLE, CAPTION, PARA, "Tin liên quan", "Tin khác")
    assert got[CAPTION] == (Label.CAPTION, "caption_after_image_alt")
    assert got[PARA] == (Label.BODY, "model_body")


def test_headline_repeated_before_any_body_leaves_the_lead_alone() -> None:
    # The headline written twice (page title and h1) is followed by the sapo, not a caption.
    got = _blocks("Trang chủ", TITLE, TITLE, LEAD, PARA)
    assert got[LEAD][0] is Label.BODY


def test_sentence_restating_a_paragraph_opening_is_a_caption() -> None:
    sentence = "Xưa kia, yến sào là sản vật tiến vua và món chè yến là món ăn vương giả."
    paragraph = (
        sentence + " Ngày nay món chè yến vẫn giữ được hương vị thanh tao, được du khách khắp "
        "nơi tìm đến thưởng thức mỗi dịp ghé thăm."
    )
    got = _blocks("Trang chủ", TITLE, LEAD, paragraph, sentence, PARA)
    assert got[sentence] == (Label.CAPTION, "caption_repeats_paragraph")
    assert got[paragraph][0] is Label.BODY


def test_short_heading_opening_its_section_stays_a_heading() -> None:
    heading = "Hoàng thành Thăng Long"
    section = heading + (
        " là quần thể di tích gắn với lịch sử kinh thành Thăng Long, được UNESCO công nhận là "
        "di sản văn hóa thế giới và mở cửa đón khách tham quan hằng ngày."
    )
    got = _blocks("Trang chủ", TITLE, LEAD, heading, section, PARA)
    assert got[heading][1] != "caption_repeats_paragraph"


def test_bare_photo_credit_closes_a_caption() -> None:
    config = CleanConfig()
    line = "Hang đá tại giáo xứ thu hút nhiều người đến xem. Ảnh Trọng Đức."
    assert read_signals(line, config).caption_credit
    # "Ảnh hưởng" after a full stop is a word, not a credit.
    assert not read_signals("Ông nói vậy. Ảnh hưởng rất lớn.", config).caption_credit
