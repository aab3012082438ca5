"""What the PDF checks share: running a tool, and comparing text as words.

Words are compared after folding what typesetting changes but a reader does
not: curly quotes, no-break spaces and hyphens, soft hyphens, case, and the
punctuation around a word.
"""
import re
import subprocess
import unicodedata


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def norm_words(text):
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u00a0", " "), ("\u2011", "-"), ("\u00ad", "")):
        text = text.replace(a, b)
    words = []
    for w in re.split(r"\s+", text):
        w = w.strip("\"'()[]{}.,;:!?*\u2022\u2013\u2014-")
        if w:
            words.append(w.lower())
    return words
