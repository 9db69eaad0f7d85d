"""No user-visible sentence is glued from translated fragments: word order differs between
Tibetan, Chinese and English, so a translated piece joined with ``+`` or put into an
f-string reads wrong in at least one of them. Placeholders inside one message are the way.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CATALOG_CALLS = {"text", "plural", "lines", "plural_lines"}


def _is_catalog_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CATALOG_CALLS
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
    )


def glued(tree: ast.AST) -> list[int]:
    """Lines where a catalog result is concatenated or formatted into other text."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            if any(_is_catalog_call(side) for side in (node.left, node.right)):
                out.append(node.lineno)
        elif isinstance(node, ast.JoinedStr):
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and _is_catalog_call(value.value):
                    out.append(node.lineno)
    return out


def test_the_detector_finds_glued_fragments() -> None:
    bad = ast.parse('x = t.text("a.b", lang) + t.text("c.d", lang)\ny = f"{t.text(\'a.b\', l)}!"')
    assert glued(bad) == [1, 2]
    fine = ast.parse('x = t.text("a.b", lang, name=n)\ny = t.lines("a.b") + extra_lines')
    assert glued(fine) == [2]  # lines lists stacked: flagged too, so compose() is used instead


def test_no_translated_fragment_is_glued_in_the_kiosk() -> None:
    problems = []
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        for line in glued(ast.parse(path.read_text(encoding="utf-8"))):
            problems.append(f"{path.relative_to(ROOT)}:{line}")
    assert not problems, problems
