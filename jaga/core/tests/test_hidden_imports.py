"""Every arrow between Jaga's modules is drawn at the top of a module, where a reader and the
layers contract see it (issue 12): no import of a ``jaga`` module inside a function, except in
an ``AppConfig.ready`` (where apps plug their rules, hooks and demo steps in)."""

import ast
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]


def hidden_imports(tree: ast.AST) -> list[str]:
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [f"{function.name}:{node.lineno} {n}" for n in names if n.startswith("jaga")]
    return found


class HiddenImportTests(SimpleTestCase):
    def test_no_jaga_import_hides_inside_a_function(self):
        found = {}
        for path in sorted(ROOT.rglob("*.py")):
            if {"tests", "migrations"} & set(path.parts):
                continue
            hidden = hidden_imports(ast.parse(path.read_text()))
            if hidden:
                found[str(path.relative_to(ROOT))] = hidden
        self.assertEqual(found, {})

    def test_the_check_sees_one(self):
        tree = ast.parse("def f():\n    from jaga.cases import services\n")
        self.assertEqual(hidden_imports(tree), ["f:2 jaga.cases"])
        ready = ast.parse("class C:\n    def ready(self):\n        from jaga.cases import hooks\n")
        self.assertEqual(hidden_imports(ready), [])
