"""The public entry points."""

from __future__ import annotations

from .article import Article
from .assemble import assemble
from .blocks import segment_text
from .config import CleanConfig
from .diagnostics import text_warnings
from .errors import CleanError
from .model import default_model
from .page import label_page
from .stabilise import stabilise

_DEFAULT = CleanConfig()


def clean_text(text: str, *, config: CleanConfig | None = None) -> Article:
    """The article in a plain-text dump of a Vietnamese news page.

    Every non-blank line becomes one block with a label and a reason code
    (``Article.blocks``); the paragraphs and captions are input lines, normalised.

    >>> page = "Trang chủ Thời sự\\n\\nHà Nội mở thêm tuyến buýt điện\\n\\n" + (
    ...     "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với "
    ...     "các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n\\n"
    ...     "Tin liên quan\\n\\nGiá vé xe buýt giữ nguyên trong năm nay\\n")
    >>> article = clean_text(page)
    >>> article.title
    'Hà Nội mở thêm tuyến buýt điện'
    >>> len(article.paragraphs)
    1
    """
    if not isinstance(text, str):
        raise CleanError(f"clean_text takes a str, not {type(text).__name__}")
    config = config or _DEFAULT
    blocks = segment_text(text, config)
    model = default_model()
    page = label_page(blocks, config, model)
    return stabilise(assemble(page, text_warnings(page, config)), config, model)
