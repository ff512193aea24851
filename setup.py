# Kept only so that "pip install -e ." works with Debian 12's setuptools.
from setuptools import setup

setup()
