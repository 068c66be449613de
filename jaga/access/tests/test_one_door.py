"""One door to protected records (issue 12): a view or an API operation reaches a model that
declares ``access`` only through the policy (``get_object`` / ``visible``), or through a
selector — never by a query of its own. Read from the source, so a new view cannot slip by."""

import ast
from pathlib import Path

from django.apps import apps
from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
DOORS = {"get_object", "visible"}


def view_modules() -> list[Path]:
    found = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py"), *ROOT.glob("*/api.py")]
    return sorted(p for p in found if "tests" not in p.parts)


def protected_models() -> set[str]:
    return {m.__name__ for m in apps.get_models() if getattr(m, "access", None) is not None}


def side_doors(tree: ast.AST, protected: set[str]) -> list[int]:
    """Lines where ``Model.objects`` of a protected model is used outside a door's call."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "objects"):
            continue
        if not (isinstance(node.value, ast.Name) and node.value.id in protected):
            continue
        above, through_door = parents.get(node), False
        while above is not None and not through_door:
            if isinstance(above, ast.Call):
                func = above.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                through_door = name in DOORS or name == "none"
            above = parents.get(above)
        if not through_door:
            lines.append(node.lineno)
    return lines


class OneDoorTests(SimpleTestCase):
    def test_views_and_api_reach_protected_models_only_through_the_policy(self):
        protected = protected_models()
        self.assertIn("Case", protected)
        found = {}
        for path in view_modules():
            lines = side_doors(ast.parse(path.read_text()), protected)
            if lines:
                found[str(path.relative_to(ROOT))] = lines
        self.assertEqual(found, {}, "query these through jaga.access.policy or a selector")

    def test_the_check_sees_a_side_door(self):
        tree = ast.parse("def v(request):\n    return Case.objects.filter(pk=1)\n")
        self.assertEqual(side_doors(tree, {"Case"}), [2])
        door = ast.parse("def v(request):\n    return get_object(u, 'r', Case.objects.all())\n")
        self.assertEqual(side_doors(door, {"Case"}), [])
