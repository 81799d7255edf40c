"""Liaison's bundled resources (icons, desktop entry, AppStream metainfo, PDF fonts): data only.

Installed as the ``liaison_resources`` package so a wheel, an editable install and a PyInstaller
bundle all find the files the same way (``liaison.assets``); nothing here is code.
"""
