"""Only what pyproject.toml cannot say: the top-level ``resources/`` folder is installed as the
data-only package ``liaison_resources`` (found at run time through ``liaison.assets``)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["liaison", "liaison.*", "ui", "ui.*"]), "liaison_resources"],
    package_dir={"liaison_resources": "resources"},
)
