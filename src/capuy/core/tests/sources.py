"""capuy's own source read as a syntax tree, for the tests that check rules on the code itself."""

import ast
from pathlib import Path


def syntax_tree(path: Path) -> ast.Module:
    """``ast.parse`` of the file. Python 3.11 before 3.11.8 keeps the parser's recursion depth in state shared by all
    threads (CPython gh-106905): a parse in another thread of the test process at the same moment makes this one
    fail with SystemError ("AST constructor recursion depth mismatch"); the file is then read once more."""
    text = path.read_text(encoding="utf-8")
    try:
        return ast.parse(text, filename=str(path))
    except SystemError:
        return ast.parse(text, filename=str(path))
