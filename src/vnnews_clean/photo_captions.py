"""Captions told by what surrounds them, once the headline is chosen.

A text dump keeps an image only as its alt text, and many CMSs give every photo of a story
the article's headline as alt text. Once the article has begun, the line right after such a
repeat of the headline is the photo's caption, whatever it looks like on its own: photo
stories put their running text in caption slots, which the model reads as body, subheadings
or trailing chrome. The numbered alt text "Tiêu đề- Ảnh 1." is no such cue: on the corpus's
government pages a subheading follows it as often as a caption. A sentence written once more
right next to the paragraph it opens is a caption restating the text.

Added after reading vnexpress.net (photo story), news.zing.vn and kenh14.vn pages of the
corpus; measured on every page of both modes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .labels import Label
from .signals import Signals

# A caption is a sentence or a headline-like line of Vietnamese text: at least this many
# words (shorter lines after a photo are credits, buttons or counters, labelled elsewhere).
_MIN_WORDS = 4
_MIN_DIACRITICS = 0.3
# A restated sentence is a full one: subheadings of a few words open their paragraphs too.
_MIN_SENTENCE_WORDS = 8
# Lines a gallery puts between the photo and its caption: a button ("Xem toàn màn hình"), a
# counter, another alt text (the lead repeated).
_SKIPPED_BETWEEN = frozenset({Label.WIDGET, Label.MARKUP, Label.DUPLICATE})
# Labels a caption may have been given by the decoder; rule verdicts on other kinds of
# chrome (menus, widgets, related headers, bylines, dates) stand.
_REVISABLE_REASONS = frozenset(
    {"model_body", "model_subheading", "model_trailer", "model_inline_link", "model_caption"}
)


def photo_captions(
    signals: Sequence[Signals], title: int, labels: list[Label], reasons: list[str]
) -> None:
    """Relabel, in place, the captions found around the headline block ``title``: the line
    under an image whose alt text is the headline, a line written twice right under such a
    caption (the photo in another size), and a sentence restating the paragraph beside it.
    """
    headline = signals[title].key
    seen_body = False  # a repeat of the headline before any body is the headline again
    for i in range(title + 2, len(signals)):
        seen_body = seen_body or labels[i - 2] is Label.BODY
        if reasons[i] not in _REVISABLE_REASONS or not _caption_shaped(signals[i]):
            continue
        if _opens_neighbour(signals, i):
            labels[i], reasons[i] = Label.CAPTION, "caption_repeats_paragraph"
            continue
        j = i - 1
        while labels[j] in _SKIPPED_BETWEEN and signals[j].key != headline and j - 1 > title:
            j -= 1
        alt = signals[j]
        if alt.key == headline and seen_body and j > title:
            labels[i], reasons[i] = Label.CAPTION, "caption_after_image_alt"
        elif (
            labels[i - 1] is Label.CAPTION
            and i + 1 < len(signals)
            and signals[i + 1].key == signals[i].key
        ):
            labels[i], reasons[i] = Label.CAPTION, "caption_written_twice"


def _opens_neighbour(signals: Sequence[Signals], i: int) -> bool:
    """A sentence that opens the paragraph next to it, written again on its own: the caption of
    the photo between them restating the text."""
    s = signals[i]
    if s.words < _MIN_SENTENCE_WORDS or not s.ends_sentence:
        return False  # a headline or label over its section shares its opening words too
    key = s.key
    return any(
        0 <= j < len(signals) and len(signals[j].key) > len(key) and signals[j].key.startswith(key)
        for j in (i - 1, i + 1)
    )


def _caption_shaped(s: Signals) -> bool:
    return s.words >= _MIN_WORDS and s.diacritics >= _MIN_DIACRITICS and not s.ends_ellipsis
