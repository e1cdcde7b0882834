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
