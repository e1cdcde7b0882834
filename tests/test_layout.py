"""The platform/ naming trap: platform/ must never shadow the standard library."""

import platform
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_platform_is_the_standard_library_module():
    assert Path(platform.__file__).parent != ROOT / "platform"
    assert platform.system()  # the stdlib function, used by uuid, botocore and celery
    assert uuid.uuid4()


def test_platform_folder_is_not_a_package():
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert str(ROOT / "platform") in sys.path


# --- Layers: the registry at the bottom, the console on top ------------------------------


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports (``from a import b`` counts as ``a`` and ``a.b``),
    relative imports resolved, ``importlib.import_module("…")`` with a literal included."""
    import ast

    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    if package[:1] == ("platform",):  # platform/ is a source root, not a package
        package = package[1:]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def modules_of(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def is_console(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "console" or parts[:2] == ["provisioning", "console"]


def test_the_registry_imports_nothing_above_it():
    """tenants/ is the lowest layer: provisioning, the console, the exchange and the
    page apps build on it, never the other way round (it may use core's helpers)."""
    from django.conf import settings

    page_apps = {app for app in settings.TENANT_APPS if (ROOT / "platform" / app).is_dir()}
    assert {"home", "news", "documents"} <= page_apps
    above = {"provisioning", "console", "syndication", *page_apps}
    modules = modules_of("tenants")
    assert ROOT / "tenants" / "lifecycle.py" in modules
    # and the helpers of core it uses (core.theming, core.text) are leaves of the same kind
    helpers = {
        ROOT / "platform" / Path(*module.split(".")).with_suffix(".py")
        for path in modules
        for module in imported_modules(path)
        if module.split(".")[0] == "core"
    }
    modules += sorted(path for path in helpers if path.exists())
    offending = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in above
        )
        for path in modules
    }
    assert {path: found for path, found in offending.items() if found} == {}


def test_only_the_console_urls_import_the_console():
    """The console sits on top: nothing but its own package and the console host's
    URLs imports it."""
    allowed = ROOT / "platform" / "config" / "urls_console.py"
    assert any(is_console(m) for m in imported_modules(allowed))  # the check sees imports
    offending = {
        str(path.relative_to(ROOT)): sorted(m for m in imported_modules(path) if is_console(m))
        for path in modules_of("tenants", "provisioning", "platform", "bench")
        if path != allowed and (ROOT / "provisioning" / "console") not in path.parents
    }
    assert {path: found for path, found in offending.items() if found} == {}
