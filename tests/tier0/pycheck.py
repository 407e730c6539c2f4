"""Tier 0 checks of generated Python, run by tests/tier0.rs with a JSON payload on stdin.

Payload: {"texts": {id: [path, source]}, "projects": [{"label": str, "files": {path: id}}]}.
Every text must compile. In every project, every `app.`/`tests.` import (absolute or
relative, at any depth in the file) must name a module of that project, reached through
packages that have an `__init__.py`, and every `from M import name` must name a submodule
of M or a name M binds at module level. Problems go to stdout, one per line; the exit
status is 1 if there are any. A problem shared by many projects is reported once.
"""

import ast
import json
import sys

ROOT = "backend/"
CHECKED = ("app", "tests")
# Statements whose bodies still bind names in the module's own namespace.
BLOCKS = (ast.If, ast.Try, ast.With, ast.For, ast.While)


def module_name(path):
    """`backend/app/x/__init__.py` -> (`app.x`, True); `backend/app/y.py` -> (`app.y`, False)."""
    parts = path[len(ROOT):-len(".py")].split("/")
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def bound_names(tree):
    """Names a module binds at module level; None when a `*` import or `__getattr__` makes any name possible."""
    names = set()
    statements = list(tree.body)
    while statements:
        node = statements.pop()
        if isinstance(node, BLOCKS):
            for field in ("body", "orelse", "finalbody"):
                statements.extend(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                statements.extend(handler.body)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if any(a.name == "*" for a in node.names):
                return None
            names.update(a.asname or a.name for a in node.names)
    return None if "__getattr__" in names else names


def imports(tree, module, is_package):
    """(line, module, names or None) for each import of a checked module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([target] if target else []))
            yield node.lineno, target, [a.name for a in node.names]


def check_project(project, parsed, out):
    modules = {}
    for path, text_id in project["files"].items():
        if path.startswith(ROOT) and path.endswith(".py"):
            name, is_package = module_name(path)
            modules[name] = (text_id, is_package)

    def missing(name):
        """Why `name` cannot be imported, or None."""
        parts = name.split(".")
        for i in range(1, len(parts)):
            package = ".".join(parts[:i])
            if not modules.get(package, (None, False))[1]:
                return f"{package} is not a package (no {ROOT}{package.replace('.', '/')}/__init__.py)"
        if name not in modules:
            return f"{name} is neither {name.replace('.', '/')}.py nor a package"
        return None

    for path, text_id in sorted(project["files"].items()):
        if not (path.startswith(ROOT) and path.endswith(".py")):
            continue
        if text_id not in parsed:
            continue  # already reported as not compiling
        tree, _ = parsed[text_id]
        module, is_package = module_name(path)
        for line, target, names in imports(tree, module, is_package):
            if target.split(".")[0] not in CHECKED:
                continue
            where = f"{path}:{line}"
            problem = missing(target)
            if problem:
                out.setdefault(f"{where}: import of {target}: {problem}", []).append(project["label"])
                continue
            bound = parsed.get(modules[target][0], (None, None))[1]
            for name in names or []:
                if name != "*" and f"{target}.{name}" not in modules and bound is not None and name not in bound:
                    problem = f"{where}: {target} has no submodule or top-level name `{name}`"
                    out.setdefault(problem, []).append(project["label"])


def main():
    payload = json.load(sys.stdin)
    out = {}
    parsed = {}
    for text_id, (path, source) in payload["texts"].items():
        try:
            compile(source, path, "exec")
            tree = ast.parse(source, path)
        except SyntaxError as e:
            out[f"{path}:{e.lineno}: does not compile: {e.msg}"] = []
            continue
        parsed[int(text_id)] = (tree, bound_names(tree))
    for project in payload["projects"]:
        check_project(project, parsed, out)
    for problem, labels in out.items():
        print(f"{problem}  [{len(labels)} projects, e.g. {labels[0]}]" if labels else problem)
    if not out:
        print(f"{len(parsed)} texts compiled; imports resolve in {len(payload['projects'])} projects")
    sys.exit(1 if out else 0)


main()
