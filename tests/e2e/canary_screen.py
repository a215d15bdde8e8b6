"""The e2e canary screen (Tk): a labelled form, a table with split name columns and a text
pane with a selected sentence, at fixed places, every value made up.

    python tests/e2e/canary_screen.py

The sentence is selected from the start (so the first frame the recorder reads already shows
it only light on dark), and stays selected when the table takes the focus. The person names
come from name lists the gazetteer does not load (the held-out Faker
locales, see redaction/knowledge/gazetteer.py), so what finds them is the layout (a label, a
column header), not a list of names. No value contains a label's cue word. The selection
colours are light text on a dark background, set also for when the pane has no focus.
Writes nothing; the window closes when the test ends the process.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import Literal

TITLE = "Staff record"
#: The form: (label, value); the last one's label stands above its field, the others left.
FORM = (
    ("Full name", "Aatos Airaksinen"),
    ("Email", "aatos.airaksinen@example.org"),
    ("Phone", "040 718 2296"),
    ("Date of birth", "14.03.1987"),
    ("Username", "kettuaapo77"),
    ("Address", "Koivukuja 7 B 12"),
)
ABOVE = ("Passport number", "XK7734021")
COLUMNS = ("First name", "Surname", "Team")
#: The rows. The last column's words are ones the OCR reads right on this screen in either
#: rendering, dark on light and selected ("Support" selected reads "Sudprt" unredacted).
ROWS = (
    ("Szabolcs", "Kocsis", "Finance"),
    ("Ctibor", "Kadlec", "Design"),
    ("Ahti", "Alatalo", "Research"),
)
#: A second table: one column of people written family name first.
PEOPLE_COLUMNS = ("Name", "Department")
PEOPLE = (("Asikainen, Aimo", "Legal"), ("Anttila, Arttu", "Marketing"))
#: The text pane: a plain sentence, then the sentence that is selected (a name in it).
PLAIN = "The quarterly report is ready for review."
SELECTED = "Please send the lease to Botond Szalai before Friday."
#: Where things are (x, y in screen pixels) for the test's clicks and checks: a row of the
#: table (the second), the box (x, y, width, height) of that row's last cell, and the box of
#: the selected sentence's lines.
TABLE_ROW = (640, 105)
ROW_CELL = (800, 97, 130, 16)
SELECTED_AREA = (520, 300, 390, 50)
SELECTION = "#1f2f5f"


def table(root: tk.Tk, columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], width: int,
          selectmode: Literal["browse", "none"]) -> ttk.Treeview:
    """A table of ``rows`` under ``columns`` headings, every column ``width`` pixels wide."""
    view = ttk.Treeview(root, columns=columns, show="headings", height=len(rows),
                        selectmode=selectmode)
    for column in columns:
        view.heading(column, text=column, anchor="w")
        view.column(column, width=width, anchor="w")
    for values in rows:
        view.insert("", "end", values=values)
    return view


def main() -> None:
    root = tk.Tk()
    root.title(TITLE)
    root.geometry("960x540+0+0")
    font = ("DejaVu Sans", 14)
    for row, (label, value) in enumerate(FORM):
        y = 40 + 52 * row
        tk.Label(root, text=label, font=font).place(x=20, y=y, anchor="w")
        entry = tk.Entry(root, font=font, width=27)
        entry.insert(0, value)
        entry.place(x=170, y=y, anchor="w")
    y = 40 + 52 * len(FORM)
    tk.Label(root, text=ABOVE[0], font=font).place(x=20, y=y, anchor="w")
    entry = tk.Entry(root, font=font, width=24)
    entry.insert(0, ABOVE[1])
    entry.place(x=20, y=y + 34, anchor="w")

    style = ttk.Style(root)
    style.configure("Treeview", font=font, rowheight=32)
    style.configure("Treeview.Heading", font=font)
    style.map("Treeview", background=[("selected", SELECTION)],
              foreground=[("selected", "#ffffff")])
    table(root, COLUMNS, ROWS, width=140, selectmode="browse").place(x=520, y=30)
    table(root, PEOPLE_COLUMNS, PEOPLE, width=200, selectmode="none").place(x=520, y=400)

    text = tk.Text(root, font=font, width=34, height=4, wrap="word", relief="flat",
                   selectbackground=SELECTION, inactiveselectbackground=SELECTION,
                   selectforeground="#ffffff", exportselection=False)
    text.insert("1.0", f"{PLAIN}\n\n{SELECTED}")
    text.tag_add("sel", "3.0", "3.end")
    text.place(x=520, y=250)
    text.focus_set()
    root.mainloop()


if __name__ == "__main__":
    main()
