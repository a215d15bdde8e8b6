"""A small labelled form (Tk) for the end-to-end form test: a message field, then a username
field and a masked password field, each with its label to the left, at fixed places.

    python tests/e2e/login_form.py

Writes nothing; the window closes when the test ends the process.
"""

from __future__ import annotations

import tkinter as tk

#: Where each field is (x, y of its middle), for the test's clicks.
FIELDS = {"message": (330, 80), "username": (330, 150), "password": (330, 220)}


def main() -> None:
    root = tk.Tk()
    root.title("Sign in")
    root.geometry("560x300+0+0")
    font = ("DejaVu Sans", 16)
    rows = (("Message", ""), ("Username", ""), ("Password", "*"))
    for row, (label, show) in enumerate(rows):
        y = 80 + 70 * row
        tk.Label(root, text=label, font=font).place(x=30, y=y, anchor="w")
        entry = tk.Entry(root, font=font, width=22, show=show)
        entry.place(x=180, y=y, anchor="w")
        if row == 0:
            entry.focus_set()
    root.mainloop()


if __name__ == "__main__":
    main()
