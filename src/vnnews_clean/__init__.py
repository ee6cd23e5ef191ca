"""vnnews_clean: the article in a Vietnamese news page, with every block explained."""

from .article import Article, LabelledBlock
from .batch import clean_many
from .config import CleanConfig
from .errors import CleanError, EncodingError, InputTooLargeError, WeightsError
from .html_parse import ParseError
from .labels import Label
from .pipeline import clean, clean_html, clean_text
from .user_vocab import VocabularyOverlay

__all__ = [
    "Article",
    "CleanConfig",
    "CleanError",
    "EncodingError",
    "InputTooLargeError",
    "Label",
    "LabelledBlock",
    "ParseError",
    "VocabularyOverlay",
    "WeightsError",
    "clean",
    "clean_html",
    "clean_many",
    "clean_text",
]
__version__ = "0.1.0"
