"""vnnews_clean: the article in a Vietnamese news page, with every block explained."""

from .article import Article, LabelledBlock
from .config import CleanConfig
from .errors import CleanError, InputTooLargeError, WeightsError
from .labels import Label
from .pipeline import clean_text

__all__ = [
    "Article",
    "CleanConfig",
    "CleanError",
    "InputTooLargeError",
    "Label",
    "LabelledBlock",
    "WeightsError",
    "clean_text",
]
__version__ = "0.1.0"
