"""Layout: rows, blocks, documents and the map from text spans back to word boxes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redaction.image.layout import analyse_layout
from redaction.models import Box
from tests.redaction.image.support import line


def test_lines_on_one_baseline_form_a_row_left_to_right() -> None:
    layout = analyse_layout(
        [
            line("10:32 AM", 400, 12),
            line("Ada Lovelace", 20, 10),
            line("Subject of the mail", 20, 40),
        ]
    )
    rows_text = [" | ".join(layout.lines[i].text for i in row) for row in layout.rows]
    assert rows_text == ["Ada Lovelace | 10:32 AM", "Subject of the mail"]


def test_label_above_value_is_one_block_and_a_separate_column_is_not() -> None:
    layout = analyse_layout(
        [line("Email", 20, 10), line("ada@example.org", 20, 34), line("Unrelated sidebar", 600, 34)]
    )
    blocks = [[layout.lines[i].text for i in block] for block in layout.blocks]
    assert ["Email", "ada@example.org"] in blocks
    assert ["Unrelated sidebar"] in blocks


def test_rows_document_maps_a_span_back_to_the_boxes_of_its_words() -> None:
    layout = analyse_layout(
        [line("From: Ada Lovelace", 20, 10), line("<ada@example.org>", 220, 10)]
    )
    doc = layout.document("rows")
    start = doc.text.index("Ada")
    end = doc.text.index(">") + 1
    refs = [doc.refs[i] for i in doc.words_between(start, end)]
    boxes = layout.boxes_for(refs)
    # Two OCR lines -> two boxes; "From:" is not part of them.
    assert len(boxes) == 2
    assert min(b.x for b in boxes) == 80
    assert all(b.y == 10 for b in boxes)


def test_a_wrapped_paragraph_is_joined_into_one_sentence_but_a_list_is_not() -> None:
    para = [
        line("This paragraph wraps because it is long enough to", 20, 10),
        line("reach the edge of the column.", 20, 32),
    ]
    listing = [line("Apples", 600, 10), line("Pears", 600, 32)]
    doc = analyse_layout([*para, *listing]).document("blocks")
    assert "long enough to reach the edge" in doc.text
    assert "Apples\n\nPears" in doc.text


@given(st.lists(st.text(alphabet="abcXYZ019@.-", min_size=1, max_size=8), min_size=1, max_size=12))
def test_every_word_offset_points_at_that_word(words: list[str]) -> None:
    lines = [
        line(" ".join(words[i : i + 3]), 10, 10 + 30 * (i // 3)) for i in range(0, len(words), 3)
    ]
    layout = analyse_layout(lines)
    for kind in ("rows", "blocks"):
        doc = layout.document(kind)
        for ref, start, end in zip(doc.refs, doc.starts, doc.ends, strict=True):
            assert doc.text[start:end] == layout.word(ref).text


def test_boxes_are_never_negative() -> None:
    assert line("a b", 0, 0).box == Box(0, 0, 30, 20)
