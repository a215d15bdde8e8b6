"""Layout rules of labels and tables: a value is what its label or its column header says it is.

A form, a profile or a detail pane shows a value with a label that names its kind, on the same
line ("Label: value"), beside it, or above it; a table heads a column with the kind of all its
cells; an address block starts with a label naming whom it is for. The labels and what each
announces are data (``redaction/lexicon/screen.toml``, read by
:mod:`redaction.rules.screen_support`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redaction.image import geometry
from redaction.image.findings import Finding
from redaction.image.layout import WordRef
from redaction.image.memory import SeenColumn, SeenTable
from redaction.image.page import Page
from redaction.models import Box
from redaction.rules.base import register
from redaction.rules.layout_base import LayoutRule
from redaction.rules.screen_support import (
    ADDRESSEE_LABELS,
    NAME_PART,
    NUMBERED,
    PLURAL_LABELS,
    cell_ok,
    column_entity,
    label_entity,
    label_of,
    name_like,
    norm_label,
    org_line,
    person_value_kind,
    surname_first,
    value_ok,
)

#: What the label rules may report: the entity types of the screen's labels and of the shared
#: label lexicon (a column of people or companies reports PERSON or ORGANIZATION by the cell).
_LABELLED = NUMBERED | frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "STREET_ADDRESS",
        "ORGANIZATION",
        "USERNAME",
        "REPOSITORY",
        "SECRET",
    }
)


@register
class LabelColonRule(LayoutRule):
    """A value after its label and a colon on one line ("Label: value"), also glued to the
    label's word when OCR reads no space after the colon."""

    name = "label_colon"
    entity_types = _LABELLED
    order = 10
    score = 0.6

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        for li, line in enumerate(layout.lines):
            words = line.words
            i = 0
            while i < len(words):
                entity = None
                span = 0
                for n in (3, 2, 1):
                    if i + n > len(words):
                        continue
                    text = " ".join(w.text for w in words[i : i + n])
                    if ":" in text:
                        label, _, rest = text.partition(":")
                        announced = label_entity(label)
                        if announced and (not rest or n == 1):
                            entity, span = announced, n
                            if rest and value_ok(entity or "", rest):
                                # Glued: the value shares the label's word.
                                yield from self.found(page, [WordRef(li, i)], entity or "")
                                entity = None
                            break
                if entity is None:
                    i += 1
                    continue
                j = i + span
                value: list[WordRef] = []
                while j < len(words):
                    text = words[j].text
                    if text.endswith(":") and label_entity(text):
                        break
                    value.append(WordRef(li, j))
                    j += 1
                value_text = " ".join(layout.word(r).text for r in value)
                kind = _value_kind(entity, value_text) if value else None
                if kind is not None:
                    yield from self.found(page, value, kind)
                i = j


@register
class LabelBesideOrAboveRule(LayoutRule):
    """A label line with its value right of it on the same row or right under it; under a
    plural label (a heading over a list), every entry of the list that fits the label. The
    line right of a label is not its value when the two head a table's columns (under the
    label a cell of its kind, under the line beside it a cell of the same row)."""

    name = "label_beside_or_above"
    entity_types = _LABELLED
    order = 20
    score = 0.55

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        for row in layout.rows:
            # A row of several labels is a table header: its neighbours are labels, not values.
            header = sum(1 for li in row if label_entity(layout.lines[li].text)) >= 2
            for pos, li in enumerate(row):
                entity = label_entity(layout.lines[li].text)
                if entity is None:
                    continue
                candidates: list[int] = []
                if pos + 1 < len(row) and not header:
                    nxt = row[pos + 1]
                    gap = layout.lines[nxt].box.x - geometry.right(layout.lines[li].box)
                    if gap <= 5 * layout.lines[li].box.h and not self._heads_columns(
                        page, li, nxt, entity
                    ):
                        candidates.append(nxt)
                candidates.extend(self._values_below(page, li, entity))
                plural = norm_label(layout.lines[li].text) in PLURAL_LABELS
                for value_line in candidates:
                    text = layout.lines[value_line].text
                    if value_line != (row[pos + 1] if pos + 1 < len(row) else None) and (
                        _led_by_label(text)
                    ):
                        continue  # a label and its value of their own, under this one
                    kind = _value_kind(entity, text)
                    if kind is None and plural and _list_entry(entity, text):
                        kind = _cell_kind(entity, text)
                    if kind is not None:
                        yield from self.found(page, page.line_refs(value_line), kind)

    @staticmethod
    def _heads_columns(page: Page, label: int, beside: int, entity: str) -> bool:
        """Whether ``label`` and the line ``beside`` it are two header cells of a table:
        under the label a cell that fits its kind (not another label, as in a form), under
        the line beside it a cell on the same row."""
        layout = page.layout
        under, under_beside = layout.below(label), layout.below(beside)
        if not under or not under_beside:
            return False
        cell, other = layout.lines[under[0]], layout.lines[under_beside[0]]
        return (
            label_entity(cell.text) is None
            and cell_ok(entity, cell.text)
            and geometry.vertical_overlap(cell.box, other.box) >= 0.5
        )

    @staticmethod
    def _values_below(page: Page, line: int, entity: str) -> list[int]:
        """The line under a label; under a plural label (a list's heading), the whole list."""
        layout = page.layout
        below = layout.below(line)
        if not below or norm_label(layout.lines[line].text) not in PLURAL_LABELS:
            return below
        out: list[int] = []
        while below and len(out) < 30 and _list_entry(entity, layout.lines[below[0]].text):
            out.append(below[0])
            below = layout.below(below[0])
        return out


def _list_entry(entity: str, text: str) -> bool:
    """An entry of a list under a plural label of ``entity``: a cell of its kind, or under a
    people heading a login or a name in lowercase."""
    return cell_ok(entity, text) or (
        entity == "PERSON" and person_value_kind(text) is not None
    )


def _led_by_label(text: str) -> bool:
    """A line that is a label and its value ("SIN 046 454 286", "Email: ana@example.org"):
    one to three words the label lexicon reads as a label, then a value with a digit or an
    at sign (or after the label's colon)."""
    words = text.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if label_entity(head) is not None and (
            head.endswith(":") or re.search(r"[\d@]", rest)
        ):
            return True
    return False


def _value_kind(entity: str, text: str) -> str | None:
    """What a labelled value is: the label's kind when it fits; under a person's label, a
    login or a name in lowercase (see :func:`person_value_kind`)."""
    if value_ok(entity, text):
        return entity
    if entity == "PERSON":
        return person_value_kind(text)
    return None


def _col_match(head: Box, cell: Box) -> bool:
    """Whether ``cell`` stands in the column headed by ``head`` (aligned left, or sharing more
    than half the narrower width)."""
    if abs(cell.x - head.x) <= max(head.h, 8):
        return True
    shared = min(geometry.right(head), geometry.right(cell)) - max(head.x, cell.x)
    return bool(shared > 0.5 * min(head.w, cell.w))


def _cell_kind(entity: str, text: str) -> str | None:
    """What a cell under a header announcing ``entity`` is, when it fits (a column of people or
    companies says which by the cell, a column of name parts holds persons)."""
    if not cell_ok(entity, text):
        return person_value_kind(text) if entity in ("PERSON", "PARTY", NAME_PART) else None
    if entity == "PARTY":
        return "PERSON" if name_like(text) or surname_first(text) else "ORGANIZATION"
    if entity == NAME_PART:
        return "PERSON"
    return entity


@register
class ColumnHeaderRule(LayoutRule):
    """Cells under a column header that names personal data, down the column until the table
    ends (a long gap, two missing cells, another label); each cell must still fit the kind.
    Its header rows are remembered for the later frames of the episode
    (:class:`CarriedColumnRule`)."""

    name = "column_header"
    entity_types = _LABELLED
    order = 30
    score = 0.5

    @staticmethod
    def _header(page: Page, line: int) -> str | None:
        """What a header cell announces; a header wrapped over two lines is read with the
        line right under it."""
        lines = page.layout.lines
        entity = column_entity(lines[line].text)
        if entity is None and len(lines[line].words) <= 3:
            below = page.layout.below(line, max_gap_lines=0.8)
            if below and len(lines[below[0]].words) <= 2:
                entity = column_entity(f"{lines[line].text} {lines[below[0]].text}")
        return entity

    @classmethod
    def header_rows(cls, page: Page) -> Iterator[tuple[int, list[tuple[int, str | None]]]]:
        """The page's table header rows: (row index, [(line, what it announces)]), a row of
        at least two short cells of which one names personal data."""
        lines = page.layout.lines
        for r, row in enumerate(page.layout.rows):
            if len(row) < 2:
                continue
            headers = [(li, cls._header(page, li)) for li in row]
            short = sum(1 for li in row if len(lines[li].words) <= 3)
            if any(e for _, e in headers) and short >= 2:
                yield r, headers

    def remembers(self, page: Page) -> Iterator[SeenTable]:
        lines = page.layout.lines
        for _, headers in self.header_rows(page):
            yield SeenTable(tuple(SeenColumn(lines[li].box, e) for li, e in headers))

    def find(self, page: Page) -> Iterator[Finding]:
        rows = page.layout.rows
        lines = page.layout.lines
        for r, headers in self.header_rows(page):
            for li, entity in headers:
                if entity is None:
                    continue
                head = lines[li].box
                last_y = geometry.bottom(head)
                pitch = max(head.h * 1.2, 1)
                misses = 0
                for next_row in rows[r + 1 : r + 200]:
                    top = min(lines[x].box.y for x in next_row)
                    if top - last_y > 3.5 * pitch:
                        break
                    cell = [x for x in next_row if _col_match(head, lines[x].box)]
                    if not cell:
                        misses += 1
                        if misses > 1:
                            break
                        continue
                    misses = 0
                    value = cell[0]
                    if label_of(lines[value].text) is not None:
                        break
                    pitch = max(pitch, 0.5 * (lines[value].box.y - last_y + pitch))
                    last_y = geometry.bottom(lines[value].box)
                    kind = _cell_kind(entity, lines[value].text)
                    if kind is not None:
                        yield from self.found(page, page.line_refs(value), kind)


@register
class CarriedColumnRule(LayoutRule):
    """Rows of a table whose header row is out of view (scrolled away) but was seen in an
    earlier frame of the episode over the same columns: each cell under a column whose
    remembered header names personal data is read as that header says, as if it were shown.

    The rows must still be that table: at least two rows in a run, each with cells under two
    or more of the remembered columns and each cell under one column only; only rows above any
    header row shown now over the same columns are read (below one, that header rules)."""

    name = "carried_column_header"
    entity_types = _LABELLED
    order = 31
    score = 0.5

    def find(self, page: Page) -> Iterator[Finding]:
        if not page.carried:
            return
        lines = page.layout.lines
        shown = [
            (min(lines[li].box.y for li, _ in headers), [lines[li].box for li, _ in headers])
            for _, headers in ColumnHeaderRule.header_rows(page)
        ]
        for table in page.carried:
            heads = [c.box for c in table.columns]
            left = min(b.x for b in heads)
            right = max(geometry.right(b) for b in heads)
            limit = min(
                (
                    top
                    for top, boxes in shown
                    if any(b.x < right and geometry.right(b) > left for b in boxes)
                ),
                default=None,
            )
            run: list[dict[int, int]] = []
            last: Box | None = None
            for row in page.layout.rows:
                box = geometry.union(lines[li].box for li in row)
                if limit is not None and box.y >= limit:
                    break
                cells = self._cells(page, row, heads)
                near = last is not None and box.y - geometry.bottom(last) <= 2.5 * box.h
                if cells is None or not near:
                    yield from self._run(page, table.columns, run)
                    run = []
                if cells is not None:
                    run.append(cells)
                last = box if cells is not None else None
            yield from self._run(page, table.columns, run)

    @staticmethod
    def _cells(page: Page, row: tuple[int, ...], heads: list[Box]) -> dict[int, int] | None:
        """The row's cells by column (column index -> line), when the row fits the table."""
        lines = page.layout.lines
        cells: dict[int, int] = {}
        for li in row:
            under = [c for c, head in enumerate(heads) if _col_match(head, lines[li].box)]
            if len(under) > 1:
                return None  # spans columns: not a cell of this table
            if under and under[0] not in cells:
                cells[under[0]] = li
        return cells if len(cells) >= 2 else None

    def _run(
        self, page: Page, columns: tuple[SeenColumn, ...], run: list[dict[int, int]]
    ) -> Iterator[Finding]:
        if len(run) < 2:
            return
        lines = page.layout.lines
        for cells in run:
            for column, li in cells.items():
                entity = columns[column].entity
                text = lines[li].text
                if entity is None or label_of(text) is not None:
                    continue
                kind = _cell_kind(entity, text)
                if kind is not None:
                    yield from self.found(page, page.line_refs(li), kind)


@register
class AddresseeRule(LayoutRule):
    """An addressee label over a name, a company and an address, one a line: the lines under
    it (up to three, until a digit or another label) are the person or the company."""

    name = "addressee_block"
    entity_types = frozenset({"PERSON", "ORGANIZATION"})
    order = 80
    score = 0.5

    def find(self, page: Page) -> Iterator[Finding]:
        layout = page.layout
        lines = layout.lines
        for li, line in enumerate(lines):
            if norm_label(line.text) not in ADDRESSEE_LABELS:
                continue
            at = li
            for _ in range(3):
                below = layout.below(at)
                if not below:
                    break
                at = below[0]
                text = lines[at].text.strip()
                if label_of(text) is not None or re.search(r"\d", text):
                    break
                entity = "PERSON" if name_like(text) else "ORGANIZATION"
                if value_ok(entity, text) or org_line(text):
                    yield from self.found(page, page.line_refs(at), entity)
