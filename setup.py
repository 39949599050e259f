"""Ships the top-level ``content/`` and ``resources/`` folders inside the wheel as
``briefing.content`` and ``briefing.resources`` (every file kind, every sub-folder).

pyproject.toml holds all other metadata; this file exists only because mapping folders from
outside ``briefing/`` into it cannot be combined with package discovery in pyproject.toml alone.
Every sub-folder is listed as a (data) package, so folders added later (layouts, csl,
templates, ...) ship without a change here.
"""

import os

from setuptools import find_packages, setup

DATA_PACKAGES = {"briefing.content": "content", "briefing.resources": "resources"}


def data_packages() -> list[str]:
    names = []
    for package, folder in DATA_PACKAGES.items():
        for dirpath, dirnames, _ in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
            rel = os.path.relpath(dirpath, folder)
            names.append(package if rel == "." else package + "." + rel.replace(os.sep, "."))
    return names


packages = data_packages()
setup(
    packages=find_packages(include=["briefing", "briefing.*"]) + packages,
    package_dir=DATA_PACKAGES,
    package_data={name: ["*"] for name in packages},
    exclude_package_data={name: ["*.pyc"] for name in packages},
)
